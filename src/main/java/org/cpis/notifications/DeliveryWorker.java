package org.cpis.notifications;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.cpis.notifications.DeliveryQueue.Claimed;
import org.cpis.notifications.DeliveryQueue.Failure;
import org.cpis.notifications.DeliveryQueue.Outcome;
import org.cpis.webhooks.Webhooks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers notifications at least once: claims due deliveries from the {@link DeliveryQueue}, sends them, records the
 * outcome and retries failures with backoff until they are given up.
 */
@Component
class DeliveryWorker {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final int BATCH = 50;
    private static final Duration EMAIL_MARGIN = Duration.ofSeconds(60);

    private final DeliveryQueue queue;
    private final Webhooks webhooks;
    private final EmailSender email;
    private final JsonMapper json;
    private final NotificationsProperties properties;
    private final Clock clock;
    private final NotificationRepository notifications;
    private final ObjectProvider<MeshDelivery> mesh;

    DeliveryWorker(
            NotificationRepository notifications,
            DeliveryQueue queue,
            Webhooks webhooks,
            EmailSender email,
            JsonMapper json,
            NotificationsProperties properties,
            Clock clock,
            ObjectProvider<MeshDelivery> mesh) {
        this.notifications = notifications;
        this.queue = queue;
        this.webhooks = webhooks;
        this.email = email;
        this.json = json;
        this.properties = properties;
        this.clock = clock;
        this.mesh = mesh;
    }

    // Four times a second: an idle poll is one probe of the small index on pending deliveries, and the webhook's
    // latency to the LA is mostly this interval (docs/benchmarks.md, "Notifications").
    @Scheduled(fixedDelayString = "${cpis.notifications.poll-interval:250}")
    void deliverDue() {
        List<Claimed> due;
        do {
            Instant now = Instant.now(clock);
            due = queue.claim(now, now.plus(LEASE), BATCH, webhooks.backingOff(now));
            deliver(due);
        } while (due.size() == BATCH);
    }

    /**
     * Webhooks go out together (each with its own time limit) while e-mails go one after another, each recorded as soon
     * as it is sent; then the webhooks' outcomes are recorded in one batch. A receiver that is slow or down therefore
     * costs a batch at most one time limit. Who looked, for the webhooks' bodies, is read once for the whole batch.
     */
    private void deliver(List<Claimed> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Webhooks.Posting posting = webhooks.posting(batch.stream()
                .filter(d -> d.channel() == Channel.WEBHOOK)
                .map(Claimed::localAuthority)
                .toList());
        Map<UUID, List<Notification.AccessedBy>> accesses = notifications.accessesOf(batch.stream()
                .filter(d -> d.channel() == Channel.WEBHOOK && d.notice() == null)
                .map(d -> d.notification().id())
                .toList());
        List<CompletableFuture<Outcome>> posted = new ArrayList<>();
        for (Claimed delivery : batch) {
            if (delivery.channel() == Channel.WEBHOOK) {
                posted.add(post(posting, delivery, accesses).thenApply(e -> new Outcome(delivery, e)));
            }
        }
        for (Claimed delivery : batch) {
            // An e-mail cannot be de-duplicated by its reader, so none is started that might outlast the lease and be
            // sent again by another node; what is left here is claimed again when the lease runs out.
            boolean email = delivery.channel() == Channel.EMAIL || delivery.channel() == Channel.ESCALATION;
            if (email && Instant.now(clock).plus(EMAIL_MARGIN).isBefore(delivery.leaseUntil())) {
                boolean escalation = delivery.channel() == Channel.ESCALATION;
                record(List.of(new Outcome(delivery, emailed(delivery, escalation))));
            }
        }
        for (Claimed delivery : batch) {
            if (delivery.channel() == Channel.MESH) {
                // Never queued for a notice: the mesh module sends its REPC_MT000005GB01 itself.
                String outcome = delivery.notice() == null ? meshed(delivery.notification()) : "not a MESH delivery";
                record(List.of(new Outcome(delivery, outcome)));
            }
        }
        record(posted.stream().map(CompletableFuture::join).toList());
        posting.recordHealth();
    }

    /** Never fails: whatever goes wrong is the outcome, so one bad row cannot stop a batch being recorded. */
    private CompletableFuture<String> post(
            Webhooks.Posting posting, Claimed delivery, Map<UUID, List<Notification.AccessedBy>> accesses) {
        try {
            return posting.post(delivery.localAuthority(), delivery.subject().toString(), body(delivery, accesses));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(e.getClass().getSimpleName());
        }
    }

    private String body(Claimed delivery, Map<UUID, List<Notification.AccessedBy>> accesses) {
        if (delivery.notice() != null) {
            return json.writeValueAsString(NotificationPayload.notice(delivery.notice()));
        }
        Notification n = delivery.notification();
        return json.writeValueAsString(NotificationPayload.webhook(n, accesses.getOrDefault(n.id(), List.of())));
    }

    private String emailed(Claimed delivery, boolean escalation) {
        try {
            return delivery.notice() != null
                    ? email.send(delivery.notice())
                    : email.send(delivery.notification(), escalation);
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName();
        }
    }

    /** Handing over to the mesh module's outbox is a local write; MESH itself is reached by that module's sender. */
    private String meshed(Notification n) {
        MeshDelivery sender = mesh.getIfAvailable();
        if (sender == null) {
            return "MESH is not set up";
        }
        try {
            return sender.deliver(n);
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName();
        }
    }

    private void record(List<Outcome> outcomes) {
        Instant now = Instant.now(clock);
        List<Claimed> delivered = new ArrayList<>();
        List<Failure> failed = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            if (outcome.error() == null) {
                delivered.add(outcome.delivery());
            } else {
                Instant next = now.plus(backoff(outcome.delivery().attempts() + 1));
                boolean giveUp = next.isAfter(outcome.delivery().giveUpAt());
                failed.add(new Failure(outcome.delivery(), giveUp, next, outcome.error()));
            }
        }
        queue.delivered(delivered, now);
        int[] recorded = queue.failed(failed, now);
        for (int i = 0; i < recorded.length; i++) {
            Claimed delivery = failed.get(i).delivery();
            if (failed.get(i).giveUp() && recorded[i] == 1) {
                log.warn(
                        "{} delivery of notification {} failed after {} attempts",
                        delivery.channel(),
                        delivery.subject(),
                        delivery.attempts() + 1);
            }
        }
    }

    /** Exponential backoff with ±20% jitter, capped, so that a recovering receiver is not hit by everyone at once. */
    Duration backoff(int attempts) {
        long base = properties.webhookFirstRetry().toMillis();
        long capped = Math.min(properties.webhookMaxRetryInterval().toMillis(), base << Math.min(attempts - 1, 20));
        double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofMillis((long) (capped * jitter));
    }
}
