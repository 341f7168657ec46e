package org.cpis.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import testsupport.TestClock;

/** The hub's decoder of its own tokens: nothing is remembered, every token is checked on every request. */
class TokenDecoderTest {

    static final Instant ISSUED = Instant.parse("2026-11-22T10:00:00Z");
    static final Instant EXPIRES = ISSUED.plusSeconds(240);
    /** JwtTimestampValidator's default allowance for clocks that differ between issuer and hub. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    static final KeyPair HUB = keyPair();
    static final KeyPair SOMEONE_ELSE = keyPair();

    final TestClock clock = TestClock.at(ISSUED.plusSeconds(60));
    final JwtDecoder tokens = TokenConfiguration.hubTokens((RSAPublicKey) HUB.getPublic(), clock);

    @Test
    void a_token_the_hub_signed_is_accepted_until_it_expires_and_refused_after() {
        String token = token(HUB, "good-a");
        assertThat(tokens.decode(token).getSubject()).isEqualTo("good-a");
        assertThat(tokens.decode(token(HUB, "good-b")).getSubject())
                .as("another token is verified on its own")
                .isEqualTo("good-b");

        clock.set(EXPIRES.plus(CLOCK_SKEW).minusMillis(1));
        assertThat(tokens.decode(token).getSubject()).isEqualTo("good-a");

        clock.set(EXPIRES.plus(CLOCK_SKEW).plusSeconds(1));
        assertThatThrownBy(() -> tokens.decode(token))
                .as("a token once accepted is refused after its expiry")
                .isInstanceOf(JwtValidationException.class);
    }

    @Test
    void a_token_signed_with_another_key_or_altered_is_refused_every_time() {
        String forged = token(SOMEONE_ELSE, "good-a");
        assertThatThrownBy(() -> tokens.decode(forged)).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode(forged)).isInstanceOf(BadJwtException.class);

        String[] parts = token(HUB, "good-a").split("\\.");
        String otherClaims = token(HUB, "someone-else").split("\\.")[1];
        String altered = parts[0] + "." + otherClaims + "." + parts[2];
        assertThatThrownBy(() -> tokens.decode(altered)).isInstanceOf(BadJwtException.class);
    }

    private static String token(KeyPair keys, String subject) {
        RSAKey key = new RSAKey.Builder((RSAPublicKey) keys.getPublic())
                .privateKey(keys.getPrivate())
                .build();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .subject(subject)
                .issuedAt(ISSUED)
                .notBefore(ISSUED)
                .expiresAt(EXPIRES)
                .build();
        return new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)))
                .encode(JwtEncoderParameters.from(claims))
                .getTokenValue();
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
