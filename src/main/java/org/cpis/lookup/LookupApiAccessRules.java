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
        rules.requestMatchers(HttpMethod.GET, "/fhir/R4/CareTeam", "/fhir/R4/AuditEvent", "/fhir/R4/Flag")
                .hasAnyRole("HEALTH_SYSTEM", "UNSCHEDULED_CLINICIAN", "SCHEDULED_CLINICIAN");
    }
}
