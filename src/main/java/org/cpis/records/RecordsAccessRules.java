package org.cpis.records;

import org.cpis.shared.web.AccessRules;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * An LA's list of records is its data managers'; one record opens for any of the LA's staff who review its
 * notifications (always only the LA's own: the page finds no other LA's record).
 */
@Component
class RecordsAccessRules implements AccessRules {

    @Override
    public void web(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
        rules.requestMatchers("/records").hasRole("LA_DATA_MANAGER");
        rules.requestMatchers("/records/*").hasAnyRole("LA_DATA_MANAGER", "SOCIAL_WORKER", "DUTY_TEAM", "MASH");
    }

    @Override
    public void api(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {}
}
