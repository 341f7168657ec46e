package org.cpis.webhooks;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cpis.shared.OdsCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Each LA's webhook: URL, secrets (sealed at rest by {@link WebhookSecrets}), on or off, and how it has been failing. */
@Repository
class WebhookRepository {

    private final JdbcClient jdbc;
    private final WebhookSecrets secrets;

    WebhookRepository(JdbcClient jdbc, WebhookSecrets secrets) {
        this.jdbc = jdbc;
        this.secrets = secrets;
    }

    /** A webhook as the worker posts to it, with the failures in a row that back it off. */
    record Endpoint(WebhookSettings settings, int consecutiveFailures) {}

    WebhookSettings find(OdsCode la) {
        return jdbc.sql("select url, secret, previous_secret, enabled from notifications.webhook where la_ods = :la")
                .param("la", la.value())
                .query((rs, n) -> new WebhookSettings(
                        rs.getString("url"),
                        secrets.open(la.value(), rs.getString("secret")),
                        secrets.open(la.value(), rs.getString("previous_secret")),
                        rs.getBoolean("enabled")))
                .optional()
                .orElse(WebhookSettings.NONE);
    }

    boolean enabled(OdsCode la) {
        return jdbc.sql("select count(*) from notifications.webhook where la_ods = :la and enabled")
                        .param("la", la.value())
                        .query(Integer.class)
                        .single()
                > 0;
    }

    /** Sets the URL and turns the webhook on, with {@code newSecret} only if it has no secret yet. */
    void configure(OdsCode la, String url, String newSecret, Instant now) {
        jdbc.sql("""
                insert into notifications.webhook (la_ods, url, secret, enabled, updated_at)
                values (:la, :url, :secret, true, :now)
                on conflict (la_ods) do update set url = excluded.url, enabled = true, updated_at = excluded.updated_at,
                                                   consecutive_failures = 0, retry_after = null
                """)
                .param("la", la.value())
                .param("url", url)
                .param("secret", secrets.seal(la.value(), newSecret))
                .param("now", Timestamp.from(now))
                .update();
    }

    void rotate(OdsCode la, String newSecret, Instant now) {
        jdbc.sql("""
                update notifications.webhook set previous_secret = secret, secret = :secret, updated_at = :now
                 where la_ods = :la
                """)
                .param("secret", secrets.seal(la.value(), newSecret))
                .param("now", Timestamp.from(now))
                .param("la", la.value())
                .update();
    }

    void retirePrevious(OdsCode la, Instant now) {
        jdbc.sql("update notifications.webhook set previous_secret = null, updated_at = :now where la_ods = :la")
                .param("now", Timestamp.from(now))
                .param("la", la.value())
                .update();
    }

    void disable(OdsCode la, Instant now) {
        jdbc.sql("update notifications.webhook set enabled = false, updated_at = :now where la_ods = :la")
                .param("now", Timestamp.from(now))
                .param("la", la.value())
                .update();
    }

    /** The endpoints of these LAs (ODS codes), by LA; an LA without one is missing. */
    Map<String, Endpoint> endpoints(List<String> las) {
        Map<String, Endpoint> endpoints = new HashMap<>();
        if (las.isEmpty()) {
            return endpoints;
        }
        jdbc.sql("""
                select la_ods, url, secret, previous_secret, enabled, consecutive_failures
                  from notifications.webhook where la_ods in (:las)
                """).param("las", las).query(rs -> {
            String la = rs.getString(1);
            endpoints.put(
                    la,
                    new Endpoint(
                            new WebhookSettings(
                                    rs.getString(2),
                                    secrets.open(la, rs.getString(3)),
                                    secrets.open(la, rs.getString(4)),
                                    rs.getBoolean(5)),
                            rs.getInt(6)));
        });
        return endpoints;
    }

    List<OdsCode> backingOff(Instant now) {
        return jdbc.sql("select la_ods from notifications.webhook where retry_after > :now")
                .param("now", Timestamp.from(now))
                .query((rs, n) -> new OdsCode(rs.getString(1)))
                .list();
    }

    /** Only for the URL that was used, so a URL the LA has just registered keeps a clean record. */
    void healthy(String la, String url) {
        jdbc.sql("""
                update notifications.webhook set consecutive_failures = 0, retry_after = null
                 where la_ods = :la and url = :url and (consecutive_failures > 0 or retry_after is not null)
                """).param("la", la).param("url", url).update();
    }

    /**
     * Backs the endpoint off on the same schedule as one delivery's retries, from its stored failures, with jitter.
     * Never shortens a backoff already set: an attempt that was in flight (here or on another node) when a longer one
     * was set must not bring the next attempt forward.
     */
    void failing(String la, String url, Instant now, Duration firstRetry, Duration maxRetryInterval) {
        jdbc.sql("""
                update notifications.webhook
                   set consecutive_failures = consecutive_failures + 1,
                       retry_after = greatest(retry_after, cast(:now as timestamptz) + make_interval(secs => least(
                               :first * power(2, least(consecutive_failures, 20)), :max) * (0.8 + random() * 0.4)
                               / 1000.0))
                 where la_ods = :la and url = :url
                """)
                .param("now", Timestamp.from(now))
                .param("first", firstRetry.toMillis())
                .param("max", maxRetryInterval.toMillis())
                .param("la", la)
                .param("url", url)
                .update();
    }
}
