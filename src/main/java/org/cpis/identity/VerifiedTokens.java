package org.cpis.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers bearer tokens already verified, until they expire but for five minutes at most. An ED system sends the same
 * token with every lookup for its lifetime; checking its RSA signature and parsing its claims again each time was a
 * sixth of the hub's CPU per lookup (docs/benchmarks.md). The five minutes bound how long a token signed with a key
 * that an external issuer has since withdrawn from its key set keeps working.
 */
final class VerifiedTokens implements JwtDecoder {

    static final int MAX_ENTRIES = 10_000;
    static final Duration MAX_AGE = Duration.ofMinutes(5);

    private final JwtDecoder verifier;
    private final Clock clock;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    private record Verified(Jwt jwt, Instant until) {}

    VerifiedTokens(JwtDecoder verifier, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Verified known = verified.get(token);
        Instant now = Instant.now(clock);
        if (known != null && now.isBefore(known.until())) {
            return known.jwt();
        }
        Jwt jwt = verifier.decode(token);
        if (jwt.getExpiresAt() != null) {
            if (verified.size() >= MAX_ENTRIES) {
                // Bounded without bookkeeping: live clients send their tokens again and are back within a request.
                verified.clear();
            }
            Instant until = now.plus(MAX_AGE);
            verified.put(token, new Verified(jwt, jwt.getExpiresAt().isBefore(until) ? jwt.getExpiresAt() : until));
        }
        return jwt;
    }
}
