package org.cpis.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Whether a person or API client may still act, and whether a token was revoked, checked on every request: disabling
 * an identity or revoking a token ends access within {@code cpis.security.status-check} (5 s by default) on every
 * node, and at once on the node that revoked it. The answers are remembered that long so that a busy client costs one
 * query per few seconds, not one per request (docs/decisions.md, Identity).
 */
@Component
class IdentityStatus {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Cache<String, Boolean> answers;
    private final Cache<String, Optional<Boolean>> clients;

    private static final String PERSON_ENABLED =
            "select count(*) from identity.person where username = :value and enabled";
    private static final String REVOKED = "select count(*) from identity.revoked_token where jti = :value";

    IdentityStatus(JdbcClient jdbc, Clock clock, SecurityProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.answers = Caffeine.newBuilder()
                .maximumSize(100_000)
                .ticker(() -> Duration.between(Instant.EPOCH, clock.instant()).toNanos())
                .expireAfterWrite(properties.statusCheck())
                .build();
        this.clients = Caffeine.newBuilder()
                .maximumSize(10_000)
                .ticker(() -> Duration.between(Instant.EPOCH, clock.instant()).toNanos())
                .expireAfterWrite(properties.statusCheck())
                .build();
    }

    /** The person exists and is enabled. */
    boolean personActive(String username) {
        return answers.get("person:" + username, key -> exists(PERSON_ENABLED, username));
    }

    /** An API client of this hub that is disabled; false for a client the hub does not hold (an external issuer's). */
    boolean clientDisabled(String clientId) {
        return Boolean.FALSE.equals(clientEnabled(clientId));
    }

    /** The client is held by this hub and enabled (tokens of the hub's own issuer name only such clients). */
    boolean clientActive(String clientId) {
        return Boolean.TRUE.equals(clientEnabled(clientId));
    }

    boolean revoked(String jti) {
        return answers.get("revoked:" + jti, key -> exists(REVOKED, jti));
    }

    /** One query per client and check interval answers both questions: null when the hub holds no such client. */
    private Boolean clientEnabled(String clientId) {
        // Optional, because the cache keeps no nulls: an unknown client's answer is remembered too.
        return clients.get(
                        clientId,
                        key -> jdbc.sql("select enabled from identity.api_client where client_id = :value")
                                .param("value", clientId)
                                .query(Boolean.class)
                                .optional())
                .orElse(null);
    }

    private boolean exists(String sql, String value) {
        return jdbc.sql(sql).param("value", value).query(Integer.class).single() > 0;
    }

    /** Records a revoked token (and forgets expired ones); takes effect on this node at once. */
    void revoke(String jti, String clientId, Instant expiresAt) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.sql("delete from identity.revoked_token where expires_at < :now")
                .param("now", now)
                .update();
        jdbc.sql("""
                insert into identity.revoked_token (jti, client_id, expires_at, revoked_at)
                values (:jti, :client, :expires, :now) on conflict (jti) do nothing
                """)
                .param("jti", jti)
                .param("client", clientId)
                .param("expires", OffsetDateTime.ofInstant(expiresAt, java.time.ZoneOffset.UTC))
                .param("now", now)
                .update();
        answers.invalidate("revoked:" + jti);
    }

    /** Forgets what this node remembers of a client, so that an administrator's revocation applies here at once. */
    void forgetClient(String clientId) {
        clients.invalidate(clientId);
    }

    /** Likewise for a person an administrator has disabled. */
    void forgetPerson(String username) {
        answers.invalidate("person:" + username);
    }
}
