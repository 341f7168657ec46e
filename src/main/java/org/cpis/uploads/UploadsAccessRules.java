package org.cpis.uploads;

import org.cpis.shared.web.AccessRules;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

@Component
class UploadsAccessRules implements AccessRules {

    @Override
    public void web(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
        rules.requestMatchers("/uploads", "/uploads/**").hasRole("LA_DATA_MANAGER");
        rules.requestMatchers("/admin/organisations/*/upload-sequence").hasRole("ADMINISTRATOR");
    }

    @Override
    public void api(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
        rules.requestMatchers(HttpMethod.POST, "/api/v1/uploads").hasRole("LA_SYSTEM");
        rules.requestMatchers(HttpMethod.GET, "/api/v1/uploads", "/api/v1/uploads/*")
                .hasRole("LA_SYSTEM");
    }
}
