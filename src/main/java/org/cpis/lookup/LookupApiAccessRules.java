package org.cpis.lookup;

import org.cpis.shared.web.AccessRules;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * The FHIR API: health systems, and clinicians with their own (user-restricted) tokens; the CapabilityStatement is
 * public, as FHIR servers' usually are.
 */
@Component
class LookupApiAccessRules implements AccessRules {

    @Override
    public void web(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {}

    @Override
    public void api(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
        rules.requestMatchers(HttpMethod.GET, "/fhir/R4/metadata").permitAll();
        // Everything else under the base goes to the FHIR controller for a health system or a clinician's own
        // (user-restricted) token, which answers what it does not offer with a FHIR 404 or 405: a valid lookup token
        // is never refused for asking.
        rules.requestMatchers("/fhir/R4", "/fhir/R4/**")
                .hasAnyRole("HEALTH_SYSTEM", "UNSCHEDULED_CLINICIAN", "SCHEDULED_CLINICIAN");
    }
}
