package org.cpis.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import testsupport.TestClock;

class VerifiedTokensTest {

    static final Instant ISSUED = Instant.parse("2026-11-22T10:00:00Z");
    static final Instant EXPIRES = ISSUED.plusSeconds(240);

    final TestClock clock = TestClock.at(ISSUED.plusSeconds(60));
    final AtomicInteger verifications = new AtomicInteger();

    /** Stands for the signature check: knows two tokens, rejects anything else. */
    final JwtDecoder verifier = token -> {
        verifications.incrementAndGet();
        if (!token.startsWith("good-")) {
            throw new BadJwtException("bad signature");
        }
        return Jwt.withTokenValue(token)
                .header("alg", "RS256")
                .subject(token)
                .issuedAt(ISSUED)
                .expiresAt(EXPIRES)
                .build();
    };

    final VerifiedTokens tokens = new VerifiedTokens(verifier, clock);

    @Test
    void a_token_is_verified_once_and_then_served_until_it_expires() {
        Jwt first = tokens.decode("good-a");
        assertThat(tokens.decode("good-a")).isSameAs(first);
        assertThat(verifications).hasValue(1);

        tokens.decode("good-b");
        assertThat(verifications).as("another token is verified on its own").hasValue(2);

        clock.set(EXPIRES.minusMillis(1));
        assertThat(tokens.decode("good-a")).isSameAs(first);
        assertThat(verifications).hasValue(2);

        clock.set(EXPIRES);
        tokens.decode("good-a");
        assertThat(verifications).as("at expiry the verifier decides again").hasValue(3);
        assertThat(tokens.decode("good-a"))
                .as("and the token is not remembered past it")
                .isNotSameAs(first);
        assertThat(verifications).hasValue(4);
    }

    @Test
    void a_long_lived_token_is_verified_again_after_five_minutes() {
        VerifiedTokens longLived = new VerifiedTokens(
                token -> {
                    verifications.incrementAndGet();
                    return Jwt.withTokenValue(token)
                            .header("alg", "RS256")
                            .subject(token)
                            .issuedAt(ISSUED)
                            .expiresAt(ISSUED.plusSeconds(86_400))
                            .build();
                },
                clock);
        Instant first = clock.instant();
        longLived.decode("day-token");
        clock.set(first.plus(VerifiedTokens.MAX_AGE).minusMillis(1));
        longLived.decode("day-token");
        assertThat(verifications).hasValue(1);
        clock.set(first.plus(VerifiedTokens.MAX_AGE));
        longLived.decode("day-token");
        assertThat(verifications).hasValue(2);
    }

    @Test
    void a_rejected_token_is_not_remembered() {
        assertThatThrownBy(() -> tokens.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void a_token_accepted_past_its_expiry_within_the_clock_skew_is_not_remembered() {
        clock.set(EXPIRES.plusSeconds(30)); // the verifier's 60 s allowance for clocks that differ
        tokens.decode("good-a");
        tokens.decode("good-a");
        assertThat(verifications).hasValue(2);
    }

    @Test
    void the_memory_is_bounded() {
        for (int i = 0; i < VerifiedTokens.MAX_ENTRIES + 5; i++) {
            tokens.decode("good-" + i);
        }
        tokens.cleanUp();
        assertThat(tokens.size()).isLessThanOrEqualTo(VerifiedTokens.MAX_ENTRIES);
    }
}
