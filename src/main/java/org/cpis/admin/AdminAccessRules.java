package org.cpis.admin;

import org.cpis.shared.web.AccessRules;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

@Component
class AdminAccessRules implements AccessRules {

    @Override
    public void web(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
        rules.requestMatchers(
                        "/admin/organisations",
                        "/admin/organisations/**",
                        "/admin/people",
                        "/admin/people/**",
                        "/admin/api-clients",
                        "/admin/api-clients/**")
                .hasRole("ADMINISTRATOR");
        rules.requestMatchers("/settings/contacts").hasRole("LA_DATA_MANAGER");
    }

    @Override
    public void api(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {}
}
