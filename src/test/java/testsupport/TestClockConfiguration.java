package testsupport;

import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Puts a {@link TestClock} in the hub as its clock ({@code @CpisIntegrationTest} imports this). It follows the system
 * clock, or stands at the instant given by the property {@code test-clock.start} from the moment the hub starts: a test
 * that needs its own hub from a fixed moment sets that property.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestClockConfiguration {

    @Bean
    @Primary
    TestClock testClock(@Value("${test-clock.start:}") String start) {
        return start.isEmpty() ? TestClock.system() : TestClock.at(Instant.parse(start));
    }
}
