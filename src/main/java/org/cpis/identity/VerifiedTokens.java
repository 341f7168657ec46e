package org.cpis.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Bearer tokens already verified, kept by the whole token string until their own {@code exp} but for five minutes at
 * most, 10,000 at most (docs/decisions.md, Identity, says what verifying every request costs). The five minutes bound
 * how long a token signed with a key an external issuer has since withdrawn keeps working.
 */
final class VerifiedTokens implements JwtDecoder {

    static final Duration MAX_AGE = Duration.ofMinutes(5);
    static final long MAX_ENTRIES = 10_000;

    private final JwtDecoder verifier;
    private final Cache<String, Jwt> verified;

    VerifiedTokens(JwtDecoder verifier, Clock clock) {
        this.verifier = verifier;
        this.verified = Caffeine.newBuilder()
                .maximumSize(MAX_ENTRIES)
                .ticker(() -> Duration.between(Instant.EPOCH, clock.instant()).toNanos())
                .expireAfter(Expiry.creating((String token, Jwt jwt) -> keepFor(jwt, clock.instant())))
                .build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        return verified.get(token, verifier::decode);
    }

    /** Until its expiry and five minutes at most; not at all without one, or once past it (the allowed clock skew). */
    private static Duration keepFor(Jwt jwt, Instant now) {
        if (jwt.getExpiresAt() == null || !now.isBefore(jwt.getExpiresAt())) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(now, jwt.getExpiresAt());
        return left.compareTo(MAX_AGE) < 0 ? left : MAX_AGE;
    }

    /** For tests: Caffeine evicts over the size bound in the background. */
    void cleanUp() {
        verified.cleanUp();
    }

    long size() {
        return verified.estimatedSize();
    }
}
