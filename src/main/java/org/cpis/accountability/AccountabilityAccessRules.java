package org.cpis.accountability;

import org.cpis.shared.web.AccessRules;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/** The audit pages: the chain's integrity for administrators and privacy officers, the reports for the latter only. */
@Component
class AccountabilityAccessRules implements AccessRules {

    @Override
    public void web(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
        rules.requestMatchers("/audit/integrity").hasAnyRole("PRIVACY_OFFICER", "ADMINISTRATOR");
        rules.requestMatchers("/audit", "/audit/**").hasRole("PRIVACY_OFFICER");
    }

    @Override
    public void api(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {}
}
