package org.cpis.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers bearer tokens already verified until they expire. An ED system sends the same token with every lookup for
 * its lifetime (minutes); checking its RSA signature and parsing its claims again each time was a sixth of the hub's
 * CPU per lookup (docs/benchmarks.md). JWTs cannot be revoked before expiry anyway, so nothing is lost by this.
 */
final class VerifiedTokens implements JwtDecoder {

    static final int MAX_ENTRIES = 10_000;

    private final JwtDecoder verifier;
    private final Clock clock;
    private final Map<String, Jwt> verified = new ConcurrentHashMap<>();

    VerifiedTokens(JwtDecoder verifier, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt jwt = verified.get(token);
        Instant now = Instant.now(clock);
        if (jwt != null && jwt.getExpiresAt() != null && now.isBefore(jwt.getExpiresAt())) {
            return jwt;
        }
        jwt = verifier.decode(token);
        if (jwt.getExpiresAt() != null) {
            if (verified.size() >= MAX_ENTRIES) {
                // Bounded without bookkeeping: live clients send their tokens again and are back within a request.
                verified.clear();
            }
            verified.put(token, jwt);
        }
        return jwt;
    }
}
