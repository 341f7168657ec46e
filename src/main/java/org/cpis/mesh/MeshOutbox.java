package org.cpis.mesh;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.cpis.mesh.OutboundStore.Pending;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends queued messages to LA mailboxes at least once, with {@code mex-LocalID} for correlation, retrying with backoff
 * until {@code send-retry-for} has passed; then follows each sent message through MESH's tracking until the LA's
 * mailbox has taken it. A crash between MESH accepting a message and the hub recording it sends it again: the LA's
 * system sees the same mex-LocalID twice.
 */
@Component
class MeshOutbox {

    private static final Logger log = LoggerFactory.getLogger(MeshOutbox.class);
    private static final int BATCH = 50;

    private final MeshClient client;
    private final OutboundStore store;
    private final MeshProperties properties;
    private final Clock clock;

    MeshOutbox(MeshClient client, OutboundStore store, MeshProperties properties, Clock clock) {
        this.client = client;
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    /** @return how many were sent */
    int sendDue() {
        int sent = 0;
        List<Pending> due;
        do {
            Instant now = Instant.now(clock);
            due = store.claim(now, now.plus(lease()), BATCH);
            for (Pending p : due) {
                if (send(p)) {
                    sent++;
                }
            }
        } while (due.size() == BATCH);
        return sent;
    }

    private boolean send(Pending p) {
        try {
            String messageId = client.send(
                    p.message().toMailbox(),
                    p.message().workflowId(),
                    p.message().localId(),
                    p.message().fileName(),
                    p.message().body());
            store.sent(p, messageId, Instant.now(clock));
            return true;
        } catch (MeshClient.MeshUnavailable | MeshClient.MeshRefused e) {
            Instant now = Instant.now(clock);
            Instant next = now.plus(backoff(p.attempts() + 1));
            boolean giveUp = next.isAfter(p.giveUpAt());
            store.failed(p, giveUp, giveUp ? now : next, e.getMessage());
            if (giveUp) {
                log.warn(
                        "MESH {} {} to {} not sent after {} attempts",
                        p.message().kind(),
                        p.message().localId(),
                        p.message().toMailbox(),
                        p.attempts() + 1);
            }
            return false;
        }
    }

    /** Marks delivered the sent messages MESH reports acknowledged by their recipient. */
    void track() {
        for (OutboundStore.Sent sent : store.awaitingDelivery(200)) {
            try {
                if (client.trackingStatus(sent.messageId())
                        .filter("acknowledged"::equals)
                        .isPresent()) {
                    store.delivered(sent.id(), Instant.now(clock));
                }
            } catch (MeshClient.MeshRefused e) {
                // Not (or no longer) tracked by MESH, e.g. expired: left as sent.
            }
        }
    }

    /** The lease outlasts one message's send with all its retries. */
    private Duration lease() {
        return properties
                .requestTimeout()
                .multipliedBy(properties.attempts() * 4L)
                .plus(Duration.ofMinutes(1));
    }

    /** Doubling from the first retry, capped, with ±20% jitter. */
    Duration backoff(int attempts) {
        long base = Math.max(1000, properties.firstRetry().toMillis());
        long capped = Math.min(properties.maxRetryInterval().toMillis(), base << Math.min(attempts - 1, 20));
        return Duration.ofMillis(
                (long) (capped * (0.8 + ThreadLocalRandom.current().nextDouble() * 0.4)));
    }
}
