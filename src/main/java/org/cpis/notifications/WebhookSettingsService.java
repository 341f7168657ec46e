package org.cpis.notifications;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.cpis.audit.Audit;
import org.cpis.audit.AuditEntry;
import org.cpis.identity.Actor;
import org.cpis.notifications.Notifications.WebhookSettings;
import org.cpis.shared.OdsCode;
import org.cpis.shared.web.TraceIdFilter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An LA's webhook settings: the URL notifications are posted to, the signing secrets (two while one is being rotated),
 * turning it off, and the deliveries that failed. The data manager's changes are audited in the same transaction.
 */
@Service
class WebhookSettingsService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final WebhookRepository webhooks;
    private final DeliveryQueue deliveries;
    private final Audit audit;
    private final Clock clock;

    WebhookSettingsService(WebhookRepository webhooks, DeliveryQueue deliveries, Audit audit, Clock clock) {
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.audit = audit;
        this.clock = clock;
    }

    /** What a data manager's change did: whether anything changed, and whether a first secret was created. */
    enum Change {
        NONE,
        CHANGED,
        CREATED_SECRET
    }

    @Transactional(readOnly = true)
    WebhookSettings webhook(OdsCode la) {
        return webhooks.find(la);
    }

    @Transactional(readOnly = true)
    List<DeliveryStatus> failedDeliveries(OdsCode la, int limit) {
        return deliveries.failures(la, limit);
    }

    /** Sets the URL and turns the webhook on; creates a secret if there is none. */
    @Transactional
    WebhookSettings configure(OdsCode la, String url) {
        webhooks.configure(la, url, newSecret(), Instant.now(clock));
        return webhooks.find(la);
    }

    /** A new secret; the old one stays valid (signatures carry both) until {@link #retirePreviousSecret}. */
    @Transactional
    WebhookSettings rotateSecret(OdsCode la) {
        webhooks.rotate(la, newSecret(), Instant.now(clock));
        return webhooks.find(la);
    }

    @Transactional
    WebhookSettings retirePreviousSecret(OdsCode la) {
        webhooks.retirePrevious(la, Instant.now(clock));
        return webhooks.find(la);
    }

    @Transactional
    void disableWebhook(OdsCode la) {
        webhooks.disable(la, Instant.now(clock));
    }

    @Transactional
    Change configure(Actor actor, String url) {
        boolean hadSecret = webhooks.find(actor.organisation()).secret() != null;
        configure(actor.organisation(), url);
        audit(actor, "URL_SET", "host=" + URI.create(url).getHost());
        return hadSecret ? Change.CHANGED : Change.CREATED_SECRET;
    }

    @Transactional
    Change rotateSecret(Actor actor) {
        if (webhooks.find(actor.organisation()).secret() == null) {
            return Change.NONE;
        }
        rotateSecret(actor.organisation());
        audit(actor, "SECRET_ROTATED", null);
        return Change.CHANGED;
    }

    @Transactional
    Change retirePreviousSecret(Actor actor) {
        if (webhooks.find(actor.organisation()).previousSecret() == null) {
            return Change.NONE;
        }
        retirePreviousSecret(actor.organisation());
        audit(actor, "PREVIOUS_RETIRED", null);
        return Change.CHANGED;
    }

    @Transactional
    Change disable(Actor actor) {
        if (!webhooks.find(actor.organisation()).enabled()) {
            return Change.NONE;
        }
        disableWebhook(actor.organisation());
        audit(actor, "DISABLED", null);
        return Change.CHANGED;
    }

    private void audit(Actor actor, String outcome, String detail) {
        audit.record(new AuditEntry(
                actor.id(),
                actor.role().name(),
                actor.organisation().value(),
                "WEBHOOK_CHANGED",
                null,
                "webhook:" + actor.organisation().value(),
                outcome,
                TraceIdFilter.current(),
                detail));
    }

    /** Standard Webhooks secret: "whsec_" and 24 random bytes in base64. */
    static String newSecret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getEncoder().encodeToString(bytes);
    }
}
