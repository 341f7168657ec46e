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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.cpis.organisations.LocalAuthority;
import org.cpis.organisations.Organisations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
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

    private final JdbcClient jdbc;
    private final NotificationRepository notifications;
    private final Organisations organisations;
    private final NotificationsProperties properties;
    private final ObjectProvider<JavaMailSender> mail;
    private final JsonMapper json;
    private final Clock clock;
    private final HttpClient http;

    DeliveryWorker(
            JdbcClient jdbc,
            NotificationRepository notifications,
            Organisations organisations,
            NotificationsProperties properties,
            ObjectProvider<JavaMailSender> mail,
            JsonMapper json,
            Clock clock) {
        this.jdbc = jdbc;
        this.notifications = notifications;
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
    record Claimed(long id, UUID notificationId, String channel, int attempts, Instant giveUpAt, Instant leaseUntil) {}

    @Scheduled(fixedDelayString = "${cpis.notifications.poll-interval:1000}")
    void deliverDue() {
        List<Claimed> due;
        do {
            due = claim();
            due.forEach(this::deliver);
        } while (due.size() == BATCH);
    }

    List<Claimed> claim() {
        Instant now = Instant.now(clock);
        return jdbc.sql("""
                        update notifications.delivery d set next_attempt_at = :lease
                         where d.id in (select id from notifications.delivery
                                         where status = 'PENDING' and next_attempt_at <= :now
                                         order by next_attempt_at limit :batch for update skip locked)
                        returning d.id, d.notification_id, d.channel, d.attempts, d.give_up_at, d.next_attempt_at
                        """)
                .param("lease", Timestamp.from(now.plus(LEASE)))
                .param("now", Timestamp.from(now))
                .param("batch", BATCH)
                .query((rs, n) -> new Claimed(
                        rs.getLong(1),
                        rs.getObject(2, UUID.class),
                        rs.getString(3),
                        rs.getInt(4),
                        rs.getTimestamp(5).toInstant(),
                        rs.getObject(6, OffsetDateTime.class).toInstant()))
                .list();
    }

    private void deliver(Claimed delivery) {
        Notification notification =
                notifications.byId(delivery.notificationId()).orElse(null);
        if (notification == null) {
            return; // purged with its record; the delivery row went with it
        }
        if (!Instant.now(clock).isBefore(delivery.leaseUntil())) {
            return; // the lease ran out while earlier ones in the batch were delivered: another worker may have it
        }
        String error;
        try {
            error = delivery.channel().equals("WEBHOOK") ? webhook(notification) : email(notification);
        } catch (RuntimeException e) {
            error = e.getClass().getSimpleName();
        }
        Instant now = Instant.now(clock);
        if (error == null) {
            jdbc.sql("""
                    update notifications.delivery set status = 'DELIVERED', delivered_at = :now,
                                                      attempts = attempts + 1, last_error = null
                     where id = :id and status = 'PENDING' and next_attempt_at = :lease
                    """)
                    .param("now", Timestamp.from(now))
                    .param("id", delivery.id())
                    .param("lease", delivery.leaseUntil().atOffset(ZoneOffset.UTC))
                    .update();
            return;
        }
        int attempts = delivery.attempts() + 1;
        Instant next = now.plus(backoff(attempts));
        boolean giveUp = next.isAfter(delivery.giveUpAt());
        int recorded = jdbc.sql("""
                update notifications.delivery set status = :status, attempts = :attempts, next_attempt_at = :next,
                                                  last_error = :error
                 where id = :id and status = 'PENDING' and next_attempt_at = :lease
                """)
                .param("status", giveUp ? "FAILED" : "PENDING")
                .param("attempts", attempts)
                .param("next", Timestamp.from(giveUp ? now : next))
                .param("error", error.length() > 300 ? error.substring(0, 300) : error)
                .param("id", delivery.id())
                .param("lease", delivery.leaseUntil().atOffset(ZoneOffset.UTC))
                .update();
        if (giveUp && recorded == 1) {
            log.warn(
                    "{} delivery of notification {} failed after {} attempts",
                    delivery.channel(),
                    notification.id(),
                    attempts);
        }
    }

    /** Exponential backoff with ±20% jitter, capped, so that a recovering receiver is not hit by everyone at once. */
    Duration backoff(int attempts) {
        long base = properties.webhookFirstRetry().toMillis();
        long capped = Math.min(properties.webhookMaxRetryInterval().toMillis(), base << Math.min(attempts - 1, 20));
        double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofMillis((long) (capped * jitter));
    }

    /** @return null when delivered, otherwise what went wrong (no personal data) */
    private String webhook(Notification n) throws RuntimeException {
        Notifications.WebhookSettings settings = jdbc.sql("""
                        select url, secret, previous_secret, enabled from notifications.webhook where la_ods = :la
                        """)
                .param("la", n.localAuthority().value())
                .query((rs, i) -> new Notifications.WebhookSettings(
                        rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)))
                .optional()
                .orElse(null);
        if (settings == null || !settings.enabled()) {
            return "webhook not configured";
        }
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
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            return response.statusCode() / 100 == 2 ? null : "HTTP " + response.statusCode();
        } catch (java.io.IOException e) {
            return e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
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
