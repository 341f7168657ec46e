package org.cpis.identity;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.cpis.shared.validation.ValidationClockConfiguration;
import org.cpis.shared.web.ApiErrorWriter;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * A {@code @WebMvcTest} of page controllers behind the hub's own web security ({@link SecurityConfiguration}, as it
 * ships): the test imports its module's {@code AccessRules} and mocks its services with {@code @MockitoBean}. Only what
 * a page request never reaches is mocked here (the API's token checks, OpenID Connect sign-in); the built-in token
 * endpoint is left out as with an external issuer. Requests act as a signed-in person with
 * {@link SignedIn#as(Role)}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WebMvcTest(properties = "cpis.identity.external-token-issuer=https://issuer.invalid")
@Import(PageSliceTest.Beans.class)
public @interface PageSliceTest {

    /** The controllers under test. */
    @AliasFor(annotation = WebMvcTest.class, attribute = "controllers")
    Class<?>[] value();

    /** The date Bean Validation takes as today (noon in England, UTC). */
    LocalDate TODAY = LocalDate.of(2026, 3, 4);

    @TestConfiguration(proxyBeanMethods = false)
    @Import({SecurityConfiguration.class, ValidationClockConfiguration.class})
    class Beans {

        /** The shipped defaults (docs/operations.md, "Limits"). */
        @Bean
        SecurityProperties securityProperties() {
            SecurityProperties.Limit perMinute = new SecurityProperties.Limit(300, Duration.ofMinutes(1));
            return new SecurityProperties(
                    perMinute,
                    perMinute,
                    new SecurityProperties.Limit(10, Duration.ofMinutes(1)),
                    new SecurityProperties.Lockout(5, Duration.ofMinutes(15)),
                    Duration.ofSeconds(5));
        }

        /** Every signed-in test person is enabled (ActiveSessionFilter). */
        @Bean
        IdentityStatus identityStatus() {
            IdentityStatus status = mock(IdentityStatus.class);
            when(status.personActive(any())).thenReturn(true);
            return status;
        }

        @Bean
        Clock clock() {
            return Clock.fixed(TODAY.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
        }

        @Bean
        JwtActorConverter jwtActorConverter() {
            return mock(JwtActorConverter.class);
        }

        @Bean
        JwtDecoder jwtDecoder() {
            return mock(JwtDecoder.class);
        }

        @Bean
        OidcPersonService oidcPersonService() {
            return mock(OidcPersonService.class);
        }

        @Bean
        ApiErrorWriter noApiErrors() {
            return mock(ApiErrorWriter.class);
        }
    }
}
