package org.cpis.lookup;

import ca.uhn.fhir.context.FhirContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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
}
