package org.cpis.lookup;

import ca.uhn.fhir.context.FhirContext;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class FhirConfiguration {

    /**
     * Expensive to build and thread-safe: one for the application. Parsers are made per response. The hub puts contained
     * resources in {@code contained} itself (a Flag's Provenance) and refers to others by id, so the parser's search of
     * every reference for a target to contain is turned off: HAPI's documented switch for that cost, which was a twentieth
     * of a FHIR read's request-thread CPU (docs/decisions.md, "Speed budget").
     */
    @Bean
    FhirContext fhirContext() {
        FhirContext context = FhirContext.forR4();
        context.getParserOptions().setAutoContainReferenceTargetsWithNoId(false);
        return context;
    }

    /**
     * Before Spring Security (checking a token is part of the work admitted) and inside the filter that answers 503
     * when the database is unreachable.
     */
    @Bean
    FilterRegistrationBean<FhirAdmission> fhirAdmission(
            LookupProperties properties, FhirUnavailable unavailable, MeterRegistry meters) {
        FilterRegistrationBean<FhirAdmission> registration =
                new FilterRegistrationBean<>(new FhirAdmission(properties, unavailable, meters));
        registration.addUrlPatterns("/fhir/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 4);
        return registration;
    }
}
