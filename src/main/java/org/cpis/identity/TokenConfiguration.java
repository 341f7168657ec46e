package org.cpis.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/** Bearer tokens: the hub's own authorization server (embedded default) or an external issuer (production). */
@Configuration(proxyBeanMethods = false)
class TokenConfiguration {

    /** Verified tokens are remembered for a few minutes (VerifiedTokens); docs/decisions.md (Identity) says why. */
    @Bean
    UserTokens userTokens(
            IdentityProperties properties, Clock clock, EndUserHeaders endUsers, IdentityService identities) {
        return new UserTokens(properties, clock, endUsers, identities);
    }

    /** The hub's (or the external system-token issuer's) tokens, and user-restricted tokens of configured issuers. */
    @Bean
    JwtDecoder jwtDecoder(
            IdentityProperties properties,
            org.springframework.beans.factory.ObjectProvider<JWKSource<SecurityContext>> jwks,
            UserTokens userTokens,
            Clock clock) {
        if (properties.externalTokenIssuer() != null) {
            return new VerifiedTokens(
                    userTokens.routing(JwtDecoders.fromIssuerLocation(
                            properties.externalTokenIssuer().toString())),
                    clock);
        }
        return new VerifiedTokens(userTokens.routing(hubTokens(publicKey(jwks.getObject()), clock)), clock);
    }

    /**
     * The hub's own key, read once, rather than a JWK-set lookup and the RSA key rebuilt for every token; Spring
     * Security's default validators, on the hub's clock.
     */
    static JwtDecoder hubTokens(RSAPublicKey key, Clock clock) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(key)
                .signatureAlgorithm(SignatureAlgorithm.RS256)
                .build();
        JwtTimestampValidator timestamps = new JwtTimestampValidator();
        timestamps.setClock(clock);
        decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(timestamps));
        return decoder;
    }

    private static RSAPublicKey publicKey(JWKSource<SecurityContext> jwks) {
        try {
            List<JWK> keys = jwks.get(new JWKSelector(new JWKMatcher.Builder().build()), null);
            return keys.get(0).toRSAKey().toRSAPublicKey();
        } catch (JOSEException e) {
            throw new IllegalStateException("the hub's token signing key cannot be read", e);
        }
    }

    @Bean
    JwtActorConverter jwtActorConverter(
            IdentityService identities, IdentityProperties properties, IdentityStatus status, UserTokens userTokens) {
        return new JwtActorConverter(identities, properties, status, userTokens);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnExpression("'${cpis.identity.external-token-issuer:}'.isEmpty()")
    static class BuiltInIssuer {

        @Bean
        RegisteredClientRepository registeredClientRepository(
                ApiClientRepository clients, IdentityProperties properties, Lockouts lockouts, Clock clock) {
            return new ApiClientRegistry(clients, properties.accessTokenTtl(), lockouts, clock);
        }

        @Bean
        OAuth2AuthorizationService authorizationService(
                JwtDecoder jwtDecoder, RegisteredClientRepository clients, IdentityStatus status) {
            return new RevocableAuthorizationService(jwtDecoder, clients, status);
        }

        @Bean
        AuthorizationServerSettings authorizationServerSettings() {
            return AuthorizationServerSettings.builder().build();
        }

        @Bean
        JWKSource<SecurityContext> jwkSource(IdentityProperties properties) {
            KeyPair keys =
                    properties.signingKey() == null || properties.signingKey().isBlank()
                            ? generate()
                            : parse(properties.signingKey());
            RSAKey key = new RSAKey.Builder((RSAPublicKey) keys.getPublic())
                    .privateKey(keys.getPrivate())
                    .keyID(UUID.nameUUIDFromBytes(keys.getPublic().getEncoded()).toString())
                    .build();
            return new ImmutableJWKSet<>(new JWKSet(key));
        }

        /** Puts the client's role, organisation and name into its token, where the API reads them back. */
        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> tokenCustomizer(
                IdentityProperties properties, ApplicationEventPublisher events) {
            return context -> {
                var settings = context.getRegisteredClient().getClientSettings();
                events.publishEvent(new TokenIssued(
                        context.getRegisteredClient().getClientId(),
                        settings.<String>getSetting(ApiClientRegistry.ROLE_SETTING),
                        settings.<String>getSetting(ApiClientRegistry.ORGANISATION_SETTING)));
                context.getClaims()
                        .claim(properties.roleClaim(), settings.<String>getSetting(ApiClientRegistry.ROLE_SETTING))
                        .claim(
                                properties.organisationClaim(),
                                settings.<String>getSetting(ApiClientRegistry.ORGANISATION_SETTING))
                        .claim(properties.nameClaim(), settings.<String>getSetting(ApiClientRegistry.NAME_SETTING));
            };
        }

        private static KeyPair generate() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                return generator.generateKeyPair();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        private static KeyPair parse(String pem) {
            String base64 =
                    pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
            try {
                KeyFactory factory = KeyFactory.getInstance("RSA");
                RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) factory.generatePrivate(
                        new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
                RSAPublicKey publicKey = (RSAPublicKey) factory.generatePublic(
                        new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
                return new KeyPair(publicKey, privateKey);
            } catch (NoSuchAlgorithmException
                    | InvalidKeySpecException
                    | IllegalArgumentException
                    | ClassCastException e) {
                throw new IllegalStateException("cpis.identity.signing-key is not a PKCS#8 PEM RSA private key");
            }
        }
    }
}
