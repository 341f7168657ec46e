package org.cpis.shared.validation;

import java.time.Clock;
import org.springframework.boot.validation.autoconfigure.ValidationConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Bean Validation reads "now" ({@code @PastOrPresent}, {@link ValidDateInput#notInFuture()}) from the application's
 * clock, so form checks agree with the date rules and tests can fix the date.
 */
@Configuration(proxyBeanMethods = false)
public class ValidationClockConfiguration {

    @Bean
    ValidationConfigurationCustomizer validationClock(Clock clock) {
        return configuration -> configuration.clockProvider(() -> clock);
    }
}
