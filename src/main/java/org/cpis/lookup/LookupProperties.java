package org.cpis.lookup;

import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The FHIR API's admission ({@link FhirAdmission}).
 *
 * @param concurrentRequests FHIR requests worked on at once on this node; by default twice its processors
 * @param queueWait how long a request waits its turn before it is answered 503 with {@code Retry-After}
 */
@Validated
@ConfigurationProperties("cpis.lookup")
record LookupProperties(
        @Positive Integer concurrentRequests,
        @DefaultValue("3s") Duration queueWait) {

    int permits() {
        return concurrentRequests != null
                ? concurrentRequests
                : 2 * Runtime.getRuntime().availableProcessors();
    }
}
