package org.cpis.reports;

import org.cpis.shared.web.AccessRules;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/** The national view for administrators; each LA's own view for its data manager and duty team. */
@Component
class ReportsAccessRules implements AccessRules {

    @Override
    public void web(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
        rules.requestMatchers("/reports", "/reports/**").hasAnyRole("ADMINISTRATOR", "LA_DATA_MANAGER", "DUTY_TEAM");
    }

    @Override
    public void api(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
        // The reports are pages and their CSV downloads; there is no API.
    }
}
