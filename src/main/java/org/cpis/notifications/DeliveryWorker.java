package org.cpis.notifications;

import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.cpis.organisations.LocalAuthority;
import org.cpis.organisations.Organisations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers notifications at least once. Due deliveries are claimed with {@code FOR UPDATE SKIP LOCKED} and a lease,
 * so any number of nodes share the work and a node that dies mid-delivery only delays it until the lease runs out.
 * Receivers de-duplicate by webhook-id (the notification id).
 */
@Component
class DeliveryWorker {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final int BATCH = 50;
    private static final String NOT_CONFIGURED = "webhook not configured";
    private static final Duration EMAIL_MARGIN = Duration.ofSeconds(60);

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate named;
    private final WebhookSecrets secrets;
    private final Organisations organisations;
    private final NotificationsProperties properties;
    private final ObjectProvider<JavaMailSender> mail;
    private final JsonMapper json;
    private final Clock clock;
    private final HttpClient http;

    DeliveryWorker(
            JdbcClient jdbc,
            NamedParameterJdbcTemplate named,
            Organisations organisations,
            NotificationsProperties properties,
            ObjectProvider<JavaMailSender> mail,
            JsonMapper json,
            Clock clock,
            WebhookSecrets secrets) {
        this.secrets = secrets;
        this.jdbc = jdbc;
        this.named = named;
        this.organisations = organisations;
        this.properties = properties;
        this.mail = mail;
        this.json = json;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.webhookTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** @param leaseUntil the claim's lease, as stored: the outcome is recorded only while the row still holds it */
    record Claimed(
            long id, String channel, int attempts, Instant giveUpAt, Instant leaseUntil, Notification notification) {}

    /** @param error null when delivered, otherwise what went wrong (no personal data) */
    private record Outcome(Claimed delivery, String error) {}

    /** @param refused its address is this machine or a private network, checked once per batch */
    private record Endpoint(Notifications.WebhookSettings settings, int consecutiveFailures, boolean refused) {}

    // Four times a second: an idle poll is one probe of the small index on pending deliveries, and the webhook's
    // latency to the LA is mostly this interval (docs/benchmarks.md, "Notifications").
    @Scheduled(fixedDelayString = "${cpis.notifications.poll-interval:250}")
    void deliverDue() {
        List<Claimed> due;
        do {
            due = claim();
            deliver(due);
        } while (due.size() == BATCH);
    }

    /**
     * Claims due deliveries with their notifications in one statement. A purged notification took its deliveries with
     * it. Webhook deliveries of an LA whose endpoint is backing off stay where they are.
     */
    List<Claimed> claim() {
        Instant now = Instant.now(clock);
        return jdbc.sql("with claimed as (update notifications.delivery d set next_attempt_at = :lease"
                        + " where d.id in (select id from notifications.delivery"
                        + "                 where status = 'PENDING' and next_attempt_at <= :now"
                        + "                   and not (channel = 'WEBHOOK' and la_ods in"
                        + "                       (select la_ods from notifications.webhook where retry_after > :now))"
                        + "                 order by next_attempt_at limit :batch for update skip locked)"
                        + " returning d.id delivery_id, d.notification_id, d.channel, d.attempts, d.give_up_at,"
                        + " d.next_attempt_at lease_until)"
                        + " select delivery_id, channel, attempts, give_up_at, lease_until, "
                        + NotificationRepository.COLUMNS
                        + " from claimed join notifications.notification n on n.id = claimed.notification_id")
                .param("lease", Timestamp.from(now.plus(LEASE)))
                .param("now", Timestamp.from(now))
                .param("batch", BATCH)
                .query((rs, n) -> new Claimed(
                        rs.getLong("delivery_id"),
                        rs.getString("channel"),
                        rs.getInt("attempts"),
                        rs.getTimestamp("give_up_at").toInstant(),
                        rs.getObject("lease_until", OffsetDateTime.class).toInstant(),
                        NotificationRepository.map(rs, n)))
                .list();
    }

    /**
     * Webhooks go out together (each with its own time limit) while e-mails go one after another, each recorded as soon
     * as it is sent; then the webhooks' outcomes are recorded in one batch. A receiver that is slow or down therefore
     * costs a batch at most one time limit.
     */
    private void deliver(List<Claimed> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Map<String, Endpoint> endpoints = endpoints(batch);
        List<CompletableFuture<Outcome>> webhooks = new ArrayList<>();
        for (Claimed delivery : batch) {
            if (delivery.channel().equals("WEBHOOK")) {
                Endpoint endpoint =
                        endpoints.get(delivery.notification().localAuthority().value());
                webhooks.add(
                        webhook(delivery.notification(), endpoint).thenApply(error -> new Outcome(delivery, error)));
            }
        }
        for (Claimed delivery : batch) {
            // An e-mail cannot be de-duplicated by its reader, so none is started that might outlast the lease and be
            // sent again by another node; what is left here is claimed again when the lease runs out.
            if (delivery.channel().equals("EMAIL")
                    && Instant.now(clock).plus(EMAIL_MARGIN).isBefore(delivery.leaseUntil())) {
                String error;
                try {
                    error = email(delivery.notification());
                } catch (RuntimeException e) {
                    error = e.getClass().getSimpleName();
                }
                record(List.of(new Outcome(delivery, error)), endpoints);
            }
        }
        record(webhooks.stream().map(CompletableFuture::join).toList(), endpoints);
    }

    private Map<String, Endpoint> endpoints(List<Claimed> batch) {
        List<String> las = batch.stream()
                .filter(d -> d.channel().equals("WEBHOOK"))
                .map(d -> d.notification().localAuthority().value())
                .distinct()
                .toList();
        Map<String, Endpoint> endpoints = new HashMap<>();
        if (!las.isEmpty()) {
            jdbc.sql("""
                    select la_ods, url, secret, previous_secret, enabled, consecutive_failures
                      from notifications.webhook where la_ods in (:las)
                    """).param("las", las).query(rs -> {
                endpoints.put(
                        rs.getString(1),
                        new Endpoint(
                                new Notifications.WebhookSettings(
                                        rs.getString(2),
                                        secrets.open(rs.getString(1), rs.getString(3)),
                                        secrets.open(rs.getString(1), rs.getString(4)),
                                        rs.getBoolean(5)),
                                rs.getInt(6),
                                false));
            });
        }
        if (!properties.webhookLocalAddressesAllowed()) {
            // Resolved once per endpoint and batch, after the query has given its connection back.
            endpoints.replaceAll((la, e) -> new Endpoint(e.settings(), e.consecutiveFailures(), refused(e.settings())));
        }
        return endpoints;
    }

    private void record(List<Outcome> outcomes, Map<String, Endpoint> endpoints) {
        Instant now = Instant.now(clock);
        List<MapSqlParameterSource> delivered = new ArrayList<>();
        List<MapSqlParameterSource> failed = new ArrayList<>();
        List<Outcome> givingUp = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            Claimed delivery = outcome.delivery();
            MapSqlParameterSource row = new MapSqlParameterSource()
                    .addValue("id", delivery.id())
                    .addValue("lease", delivery.leaseUntil().atOffset(ZoneOffset.UTC))
                    .addValue("now", Timestamp.from(now));
            if (outcome.error() == null) {
                delivered.add(row);
                continue;
            }
            int attempts = delivery.attempts() + 1;
            Instant next = now.plus(backoff(attempts));
            boolean giveUp = next.isAfter(delivery.giveUpAt());
            String error = outcome.error();
            failed.add(row.addValue("status", giveUp ? "FAILED" : "PENDING")
                    .addValue("attempts", attempts)
                    .addValue("next", Timestamp.from(giveUp ? now : next))
                    .addValue("error", error.length() > 300 ? error.substring(0, 300) : error));
            givingUp.add(giveUp ? outcome : null);
        }
        if (!delivered.isEmpty()) {
            named.batchUpdate("""
                    update notifications.delivery set status = 'DELIVERED', delivered_at = :now,
                                                      attempts = attempts + 1, last_error = null
                     where id = :id and status = 'PENDING' and next_attempt_at = :lease
                    """, delivered.toArray(SqlParameterSource[]::new));
        }
        if (!failed.isEmpty()) {
            int[] recorded = named.batchUpdate("""
                    update notifications.delivery set status = :status, attempts = :attempts, next_attempt_at = :next,
                                                      last_error = :error
                     where id = :id and status = 'PENDING' and next_attempt_at = :lease
                    """, failed.toArray(SqlParameterSource[]::new));
            for (int i = 0; i < recorded.length; i++) {
                Outcome outcome = givingUp.get(i);
                if (outcome != null && recorded[i] == 1) {
                    log.warn(
                            "{} delivery of notification {} failed after {} attempts",
                            outcome.delivery().channel(),
                            outcome.delivery().notification().id(),
                            outcome.delivery().attempts() + 1);
                }
            }
        }
        endpointHealth(outcomes, endpoints, now);
    }

    /**
     * An endpoint that took at least one of its webhooks in this batch is healthy; one that failed every attempt made
     * to it is backed off as a whole, longer with each batch in a row that it fails. Both only for the URL the batch
     * used, so a URL the LA has just registered is not backed off for the old one's failures.
     */
    private void endpointHealth(List<Outcome> outcomes, Map<String, Endpoint> endpoints, Instant now) {
        Map<String, Boolean> anyAccepted = new HashMap<>();
        for (Outcome outcome : outcomes) {
            if (outcome.delivery().channel().equals("WEBHOOK") && !NOT_CONFIGURED.equals(outcome.error())) {
                anyAccepted.merge(
                        outcome.delivery().notification().localAuthority().value(),
                        outcome.error() == null,
                        Boolean::logicalOr);
            }
        }
        anyAccepted.forEach((la, accepted) -> {
            String url = endpoints.get(la).settings().url();
            if (accepted) {
                jdbc.sql("""
                        update notifications.webhook set consecutive_failures = 0, retry_after = null
                         where la_ods = :la and url = :url and (consecutive_failures > 0 or retry_after is not null)
                        """).param("la", la).param("url", url).update();
            } else {
                // The same schedule as one delivery's retries, counted from the stored failures, with jitter.
                jdbc.sql("""
                        update notifications.webhook
                           set consecutive_failures = consecutive_failures + 1,
                               retry_after = cast(:now as timestamptz) + make_interval(secs => least(:first * power(2, least(
                                       consecutive_failures, 20)), :max) * (0.8 + random() * 0.4) / 1000.0)
                         where la_ods = :la and url = :url
                        """)
                        .param("now", Timestamp.from(now))
                        .param("first", properties.webhookFirstRetry().toMillis())
                        .param("max", properties.webhookMaxRetryInterval().toMillis())
                        .param("la", la)
                        .param("url", url)
                        .update();
            }
        });
    }

    /** Exponential backoff with ±20% jitter, capped, so that a recovering receiver is not hit by everyone at once. */
    Duration backoff(int attempts) {
        long base = properties.webhookFirstRetry().toMillis();
        long capped = Math.min(properties.webhookMaxRetryInterval().toMillis(), base << Math.min(attempts - 1, 20));
        double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofMillis((long) (capped * jitter));
    }

    private static boolean refused(Notifications.WebhookSettings settings) {
        try {
            return settings.enabled() && WebhookAddresses.resolvesLocal(URI.create(settings.url()));
        } catch (IllegalArgumentException e) {
            return true; // not a URL at all: nothing to send to
        }
    }

    /** Never fails: whatever goes wrong is the outcome, so one bad row cannot stop a batch being recorded. */
    private CompletableFuture<String> webhook(Notification n, Endpoint endpoint) {
        if (endpoint == null || !endpoint.settings().enabled()) {
            return CompletableFuture.completedFuture(NOT_CONFIGURED);
        }
        if (endpoint.refused()) {
            return CompletableFuture.completedFuture(WebhookAddresses.REFUSED);
        }
        try {
            return send(n, endpoint.settings())
                    // The request timeout ends at the response headers; this bounds a body that trickles in too.
                    .completeOnTimeout("timed out", properties.webhookTimeout().toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(e.getClass().getSimpleName());
        }
    }

    private CompletableFuture<String> send(Notification n, Notifications.WebhookSettings settings) {
        String body = json.writeValueAsString(payload(n));
        long timestamp = Instant.now(clock).getEpochSecond();
        String id = n.id().toString();
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.url()))
                .timeout(properties.webhookTimeout())
                .header("Content-Type", "application/json")
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header(
                        "webhook-signature",
                        WebhookSigner.header(settings.secret(), settings.previousSecret(), id, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause()
                        : failure;
                return cause.getClass().getSimpleName();
            }
            return response.statusCode() / 100 == 2 ? null : "HTTP " + response.statusCode();
        });
    }

    static Map<String, Object> payload(Notification n) {
        Map<String, Object> child = new LinkedHashMap<>();
        child.put("nhsNumber", n.nhsNumber());
        child.put(
                "localIds",
                n.localIds() == null ? List.of() : List.of(n.localIds().split(",")));
        child.put("planTypes", List.of(n.planTypes().split(",")));
        Map<String, Object> organisation = new LinkedHashMap<>();
        organisation.put("odsCode", n.organisation().value());
        organisation.put("name", n.organisationName());
        organisation.put("careSettingType", n.careSettingType());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "cpis.unscheduled-access");
        body.put("id", n.id().toString());
        body.put("cursor", n.cursor());
        body.put("localAuthority", n.localAuthority().value());
        body.put("child", child);
        body.put("firstAccessedAt", n.firstAccessedAt().toString());
        body.put("lastAccessedAt", n.lastAccessedAt().toString());
        body.put("accessCount", n.accessCount());
        body.put("accessedBy", new LinkedHashMap<>(Map.of("name", n.accessedByName(), "role", n.accessedByRole())));
        body.put("organisation", organisation);
        body.put("allocatedWorker", n.allocatedWorker());
        return body;
    }

    /** The pull API's view: the webhook body plus where the LA's own review stands. */
    static Map<String, Object> payloadWithState(Notification n) {
        Map<String, Object> body = payload(n);
        body.put("status", n.status());
        body.put("acknowledged", n.acknowledgedAt() != null);
        body.put("escalated", n.escalatedAt() != null);
        return body;
    }

    /** The backup to the duty &amp; advice team: that something is waiting and where — no name, no NHS number. */
    private String email(Notification n) {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            return "no SMTP server configured";
        }
        LocalAuthority la = organisations.localAuthority(n.localAuthority()).orElse(null);
        if (la == null || la.dutyTeamEmail() == null) {
            return "no duty team mailbox";
        }
        try {
            MimeMessage message = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, "UTF-8");
            helper.setFrom(properties.mailFrom());
            helper.setTo(la.dutyTeamEmail());
            String reference = n.localIds() == null ? "no local reference" : "local reference " + n.localIds();
            helper.setSubject("CP-IS: unscheduled care access notification waiting (" + reference + ")");
            helper.setText(String.join(
                    "\n",
                    "A CP-IS notification is waiting for your authority.",
                    "",
                    "Child: " + reference,
                    "Plan: " + n.planTypes(),
                    "Attended: " + n.organisationName() + " ("
                            + n.organisation().value() + ")",
                    "When: " + n.firstAccessedAt(),
                    "",
                    "Review it in CP-IS: " + properties.publicUrl() + "/notifications/" + n.id(),
                    "",
                    "This e-mail is the backup of the notification and deliberately carries no name or NHS number."));
            sender.send(message);
            return null;
        } catch (jakarta.mail.MessagingException | org.springframework.mail.MailException e) {
            return e.getClass().getSimpleName();
        }
    }
}
