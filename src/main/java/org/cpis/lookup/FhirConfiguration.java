package org.cpis.lookup;

import ca.uhn.fhir.context.FhirContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class FhirConfiguration {

    /** Expensive to build and thread-safe: one for the application. Parsers are made per response. */
    @Bean
    FhirContext fhirContext() {
        return FhirContext.forR4();
    }
}
