package org.cpis.missingalerts;

import org.cpis.shared.web.AccessRules;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/** Clinicians report missing alerts; each LA's data managers work through their own authority's reports. */
@Component
class MissingAlertAccessRules implements AccessRules {

    @Override
    public void web(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
        rules.requestMatchers("/missing-alerts/new").hasAnyRole("UNSCHEDULED_CLINICIAN", "SCHEDULED_CLINICIAN");
        rules.requestMatchers("/missing-alerts", "/missing-alerts/*/resolve").hasRole("LA_DATA_MANAGER");
    }

    @Override
    public void api(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {}
}
