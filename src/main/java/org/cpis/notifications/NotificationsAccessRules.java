package org.cpis.notifications;

import org.cpis.shared.web.AccessRules;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/** The LA systems' pull API, and the LA's page of inactive NHS numbers (its duty team and data manager). */
@Component
class NotificationsAccessRules implements AccessRules {

    @Override
    public void web(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
        rules.requestMatchers(HttpMethod.GET, InactiveNoticeEmail.PAGE).hasAnyRole("DUTY_TEAM", "LA_DATA_MANAGER");
    }

    @Override
    public void api(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
        rules.requestMatchers(HttpMethod.GET, "/api/v1/notifications").hasRole("LA_SYSTEM");
        rules.requestMatchers(HttpMethod.POST, "/api/v1/notifications/*/acknowledgement")
                .hasRole("LA_SYSTEM");
    }
}
