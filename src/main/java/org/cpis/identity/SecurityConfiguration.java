package org.cpis.identity;

import java.time.Clock;
import java.util.List;
import org.cpis.shared.web.AccessRules;
import org.cpis.shared.web.ApiErrorWriter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.preauth.AbstractPreAuthenticatedProcessingFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Three filter chains: the built-in token endpoint, the bearer-token API, and the signed-in web pages. In each, a
 * request that no module's {@link AccessRules} allows is refused (deny by default).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; script-src 'self'; style-src 'self'; "
            + "frame-ancestors 'none'; form-action 'self'; base-uri 'self'";

    /** What anyone may reach without signing in. */
    static final String[] PUBLIC = {
        "/login",
        "/error",
        "/assets/**",
        "/css/**",
        "/js/**",
        "/nhsuk-frontend.min.css",
        "/nhsuk-fonts.css",
        "/nhsuk-frontend.min.js",
        "/favicon.ico",
        "/actuator/health",
        "/actuator/health/**"
    };

    /** Browser features no cpis page uses, refused to any script that would. */
    static final String PERMISSIONS_POLICY = "accelerometer=(), autoplay=(), camera=(), display-capture=(), "
            + "geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=()";

    /**
     * The hardening headers of every chain (docs/operations.md, "Security headers"): HSTS for a year on requests that
     * came over TLS (as the trusted proxy says), the page's address never sent to another site, no browser features.
     */
    static void hardened(HeadersConfigurer<HttpSecurity> headers) {
        headers.httpStrictTransportSecurity(
                        hsts -> hsts.maxAgeInSeconds(31_536_000).includeSubDomains(true))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                .permissionsPolicyHeader(permissions -> permissions.policy(PERMISSIONS_POLICY));
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        // BCrypt for new hashes; stored hashes carry their {id} so the algorithm can be raised later.
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /**
     * No observation of each security filter, authentication and authorisation: those are spans for a tracer, which
     * cpis does not export, and they wrapped every filter of every request (about 4% of a lookup's CPU,
     * docs/benchmarks.md). Operators' request metrics come from Spring MVC's own {@code http.server.requests}.
     */
    @Bean
    static SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    RateLimits rateLimits(SecurityProperties properties, Clock clock) {
        return new RateLimits(properties, clock);
    }

    /** Every failed sign-in is an event, including a client's at the token endpoint (lock-out counts them). */
    @Bean
    AuthenticationEventPublisher authenticationEventPublisher(ApplicationEventPublisher events) {
        DefaultAuthenticationEventPublisher publisher = new DefaultAuthenticationEventPublisher(events);
        publisher.setDefaultAuthenticationFailureEvent(AuthenticationFailureBadCredentialsEvent.class);
        return publisher;
    }

    @Bean
    @Order(1)
    @ConditionalOnExpression("'${cpis.identity.external-token-issuer:}'.isEmpty()")
    SecurityFilterChain tokenEndpoint(HttpSecurity http, RateLimits limits, PasswordEncoder passwordEncoder)
            throws Exception {
        // Only the client-credentials grant is registered for any client, so /oauth2/authorize never succeeds.
        // Spring Security 7 no longer narrows this chain to the protocol endpoints by itself; "/oauth2/**" would also
        // swallow /oauth2/authorization/{id}, where OpenID Connect sign-in starts.
        // During a secret rotation's overlap either of a client's two secrets is accepted (ClientSecrets).
        ClientSecrets secrets = new ClientSecrets(passwordEncoder);
        http.oauth2AuthorizationServer(as -> {
                    http.securityMatcher(as.getEndpointsMatcher());
                    as.clientAuthentication(clients -> clients.authenticationProviders(providers -> providers.stream()
                            .filter(ClientSecretAuthenticationProvider.class::isInstance)
                            .map(ClientSecretAuthenticationProvider.class::cast)
                            .forEach(p -> p.setPasswordEncoder(secrets))));
                })
                .authorizeHttpRequests(rules -> rules.anyRequest().authenticated())
                .headers(SecurityConfiguration::hardened)
                .addFilterBefore(new ThrottleFilter(limits), AbstractPreAuthenticatedProcessingFilter.class);
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain api(
            HttpSecurity http,
            List<AccessRules> modules,
            List<ApiErrorWriter> errorWriters,
            JwtActorConverter converter,
            @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping controllers,
            RateLimits limits)
            throws Exception {
        AuthenticationEntryPoint entryPoint = apiEntryPoint(errorWriters);
        AccessDeniedHandler deniedHandler = apiDeniedHandler(errorWriters);
        http.securityMatcher("/api/**", "/fhir/**")
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .headers(SecurityConfiguration::hardened)
                .exceptionHandling(ex -> ex.authenticationEntryPoint(entryPoint).accessDeniedHandler(deniedHandler))
                .oauth2ResourceServer(rs -> rs.jwt(jwt -> jwt.jwtAuthenticationConverter(converter))
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(deniedHandler))
                .authorizeHttpRequests(rules -> {
                    modules.forEach(m -> m.api(rules));
                    rules.anyRequest().access(new UnmappedAddresses(controllers));
                })
                .addFilterAfter(new ThrottleFilter(limits), BearerTokenAuthenticationFilter.class);
        return http.build();
    }

    /** 401 with the bearer challenge, and the body of the API's own error format (OperationOutcome on /fhir). */
    private static AuthenticationEntryPoint apiEntryPoint(List<ApiErrorWriter> errorWriters) {
        AuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
        return (request, response, e) -> {
            for (ApiErrorWriter writer : errorWriters) {
                if (writer.handles(request)) {
                    bearer.commence(request, response, e); // keeps the WWW-Authenticate challenge
                    response.resetBuffer();
                    writer.unauthorized(request, response);
                    return;
                }
            }
            bearer.commence(request, response, e);
        };
    }

    private static AccessDeniedHandler apiDeniedHandler(List<ApiErrorWriter> errorWriters) {
        AccessDeniedHandler denied = new BearerTokenAccessDeniedHandler();
        return (request, response, e) -> {
            for (ApiErrorWriter writer : errorWriters) {
                if (writer.handles(request)) {
                    writer.forbidden(request, response);
                    return;
                }
            }
            denied.handle(request, response, e);
        };
    }

    @Bean
    @Order(3)
    SecurityFilterChain web(
            HttpSecurity http,
            List<AccessRules> modules,
            ObjectProvider<ClientRegistrationRepository> oidcProviders,
            OidcPersonService oidcPersonService,
            @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping controllers,
            RateLimits limits,
            IdentityStatus status)
            throws Exception {
        http.authorizeHttpRequests(rules -> {
                    rules.requestMatchers(PUBLIC).permitAll();
                    modules.forEach(m -> m.web(rules));
                    rules.anyRequest().access(new UnmappedAddresses(controllers));
                })
                .addFilterAfter(new ActiveSessionFilter(status), SecurityContextHolderFilter.class)
                .addFilterBefore(new ThrottleFilter(limits), UsernamePasswordAuthenticationFilter.class)
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", true))
                .logout(logout -> logout.logoutSuccessUrl("/login?signedOut"))
                .headers(headers -> {
                    hardened(headers);
                    headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY));
                });
        if (oidcProviders.getIfAvailable() != null) {
            http.oauth2Login(oidc -> oidc.loginPage("/login")
                    .defaultSuccessUrl("/", true)
                    .failureUrl("/login?oidcError")
                    .userInfoEndpoint(userInfo -> userInfo.oidcUserService(oidcPersonService)));
        }
        return http.build();
    }
}
