package org.cpis;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.ActiveProfiles;
import testsupport.TestClockConfiguration;

/**
 * The whole hub on a real HTTP port and a real PostgreSQL (embedded by default; external when SPRING_DATASOURCE_URL
 * is set), on a {@link testsupport.TestClock}. One shared context for all tests that use this annotation unchanged;
 * tests that set {@link #properties()} get a hub and an embedded database of their own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(TestClockConfiguration.class)
public @interface CpisIntegrationTest {

    /** Properties for a hub of this test's own, e.g. {@code test-clock.start=2026-03-10T12:00:00Z}. */
    @AliasFor(annotation = SpringBootTest.class, attribute = "properties")
    String[] properties() default {};
}
