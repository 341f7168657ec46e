package org.cpis.operations;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * {@code /actuator/prometheus} for operators only: a signed-in administrator (their session), or the dedicated
 * {@code metrics} credential over HTTP Basic that a Prometheus server scrapes with (password from
 * {@code CPIS_METRICS_PASSWORD}; without it there is no such credential). Its own filter chain, ahead of the hub's
 * others, so the credential is good for this one URL and nothing else.
 */
@Configuration(proxyBeanMethods = false)
class MetricsSecurityConfiguration {

    static final String METRICS_ROLE = "METRICS";

    @Bean
    @Order(0)
    SecurityFilterChain metrics(HttpSecurity http, OperationsProperties properties, PasswordEncoder encoder)
            throws Exception {
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
        String password = properties.metricsPassword();
        if (password != null && !password.isBlank()) {
            users.createUser(User.withUsername("metrics")
                    .password(encoder.encode(password))
                    .roles(METRICS_ROLE)
                    .build());
        }
        // HTTP Basic here checks the metrics credential only: a person's password is never accepted on this URL
        // (no parent manager), so an administrator comes with the session of their usual sign-in.
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
        provider.setPasswordEncoder(encoder);
        return http.securityMatcher("/actuator/prometheus")
                .authorizeHttpRequests(rules -> rules.anyRequest().hasAnyRole("ADMINISTRATOR", METRICS_ROLE))
                .authenticationManager(new ProviderManager(provider))
                .httpBasic(Customizer.withDefaults())
                .csrf(csrf -> csrf.disable())
                .build();
    }
}
