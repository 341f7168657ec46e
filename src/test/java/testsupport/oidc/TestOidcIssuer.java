package testsupport.oidc;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.UUID;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A minimal OpenID Connect issuer standing in for NHS CIS2 in tests: Spring Security's own authorization server,
 * run as a separate small Spring Boot application on {@code 127.0.0.1} and a free port, with one confidential client
 * (the hub) and form-login users who all have the password {@link #PASSWORD}. Each user's subject is their username.
 *
 * <p>It lives outside {@code org.cpis} and imports only the web and security auto-configuration it needs, so none of
 * the hub's beans, database or {@code application.yml} are involved. It answers on {@code 127.0.0.1} while tests
 * reach the hub on {@code localhost}, so the browser keeps the two applications' cookies apart.
 */
public final class TestOidcIssuer implements AutoCloseable {

    public static final String CLIENT_ID = "cpis-hub";
    public static final String CLIENT_SECRET = "test-client-secret";
    public static final String PASSWORD = "issuer-password";

    private static final String CLIENT_REGISTRATION_ID = "cpis-hub";

    private final ConfigurableApplicationContext context;
    private final String issuerUri;

    private TestOidcIssuer(ConfigurableApplicationContext context) {
        this.context = context;
        this.issuerUri = "http://127.0.0.1:" + context.getEnvironment().getRequiredProperty("local.server.port");
    }

    /** Starts an issuer that knows the given usernames. */
    public static TestOidcIssuer start(String... usernames) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(IssuerConfiguration.class)
                .initializers(ctx -> ctx.getBeanFactory().registerSingleton("issuerUsers", new Users(usernames)))
                .run(
                        // Not the hub's application.yml: this application has no configuration file at all.
                        "--spring.config.name=test-oidc-issuer",
                        "--spring.main.banner-mode=off",
                        "--spring.jmx.enabled=false",
                        "--server.address=127.0.0.1",
                        "--server.port=0",
                        "--server.servlet.session.cookie.name=TEST_ISSUER_SESSION");
        return new TestOidcIssuer(context);
    }

    /** The issuer identifier, also its base URL: where {@code /.well-known/openid-configuration} is found. */
    public String issuerUri() {
        return issuerUri;
    }

    /**
     * Lets the hub's client use this redirect URI, e.g. {@code http://localhost:{hubPort}/login/oauth2/code/cis2}.
     * Redirect URIs are matched exactly, as a real issuer does, so a test adds its hub's once that hub's port is known.
     */
    public void allowRedirectUri(String redirectUri) {
        RegisteredClientRepository clients = context.getBean(RegisteredClientRepository.class);
        RegisteredClient client = clients.findByClientId(CLIENT_ID);
        clients.save(RegisteredClient.from(client).redirectUri(redirectUri).build());
    }

    @Override
    public void close() {
        context.close();
    }

    record Users(String... usernames) {}

    @Configuration(proxyBeanMethods = false)
    @EnableWebSecurity
    @ImportAutoConfiguration({
        TomcatServletWebServerAutoConfiguration.class,
        DispatcherServletAutoConfiguration.class,
        WebMvcAutoConfiguration.class,
        HttpMessageConvertersAutoConfiguration.class,
        JacksonAutoConfiguration.class,
        ErrorMvcAutoConfiguration.class,
        SecurityFilterAutoConfiguration.class
    })
    static class IssuerConfiguration {

        /** One chain for everything: the protocol endpoints, and form login for the people who sign in. */
        @Bean
        SecurityFilterChain issuer(HttpSecurity http) throws Exception {
            http.oauth2AuthorizationServer(as -> as.oidc(Customizer.withDefaults()))
                    .authorizeHttpRequests(rules -> rules.anyRequest().authenticated())
                    .formLogin(Customizer.withDefaults());
            return http.build();
        }

        @Bean
        RegisteredClientRepository registeredClients() {
            return new InMemoryRegisteredClientRepository(RegisteredClient.withId(CLIENT_REGISTRATION_ID)
                    .clientId(CLIENT_ID)
                    .clientName("cpis hub")
                    .clientSecret("{noop}" + CLIENT_SECRET)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    // A placeholder no hub uses; the real ones are added by allowRedirectUri.
                    .redirectUri("http://localhost/login/oauth2/code/unused")
                    .scope(OidcScopes.OPENID)
                    .scope(OidcScopes.PROFILE)
                    .build());
        }

        @Bean
        UserDetailsService users(Users users) {
            return new InMemoryUserDetailsManager(Arrays.stream(users.usernames())
                    .map(name -> User.withUsername(name)
                            .password("{noop}" + PASSWORD)
                            .roles("USER")
                            .build())
                    .toList());
        }

        @Bean
        PasswordEncoder passwordEncoder() {
            return PasswordEncoderFactories.createDelegatingPasswordEncoder();
        }

        @Bean
        JWKSource<SecurityContext> jwkSource() {
            KeyPair keys;
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                keys = generator.generateKeyPair();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            RSAKey key = new RSAKey.Builder((RSAPublicKey) keys.getPublic())
                    .privateKey(keys.getPrivate())
                    .keyID(UUID.randomUUID().toString())
                    .build();
            return new ImmutableJWKSet<>(new JWKSet(key));
        }

        /** Checks the access tokens presented to the OpenID Connect user-info endpoint. */
        @Bean
        JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource) {
            return OAuth2AuthorizationServerConfiguration.jwtDecoder(jwkSource);
        }

        @Bean
        AuthorizationServerSettings authorizationServerSettings() {
            return AuthorizationServerSettings.builder().build();
        }
    }
}
