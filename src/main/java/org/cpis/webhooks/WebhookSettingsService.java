package org.cpis.webhooks;

import java.net.URI;
import java.util.List;
import org.cpis.audit.Audit;
import org.cpis.audit.AuditEntry;
import org.cpis.identity.Actor;
import org.cpis.shared.OdsCode;
import org.cpis.shared.web.TraceIdFilter;
import org.cpis.webhooks.FailedDeliveries.FailedDelivery;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The LA data manager's changes to the webhook: the URL notifications are posted to, the signing secrets (two while
 * one is being rotated), and turning it off, each audited in the same transaction.
 */
@Service
class WebhookSettingsService {

    private final Webhooks webhooks;
    private final FailedDeliveries failedDeliveries;
    private final Audit audit;

    WebhookSettingsService(Webhooks webhooks, FailedDeliveries failedDeliveries, Audit audit) {
        this.webhooks = webhooks;
        this.failedDeliveries = failedDeliveries;
        this.audit = audit;
    }

    /** What a change did: nothing (nothing to change), changed, or also created the first secret. */
    enum Change {
        NONE,
        CHANGED,
        CREATED_SECRET
    }

    WebhookSettings settings(OdsCode la) {
        return webhooks.settings(la);
    }

    List<FailedDelivery> failedDeliveries(OdsCode la, int limit) {
        return failedDeliveries.failed(la, limit);
    }

    @Transactional
    Change configure(Actor actor, String url) {
        boolean hadSecret = webhooks.settings(actor.organisation()).secret() != null;
        webhooks.configure(actor.organisation(), url);
        audit(actor, "URL_SET", "host=" + URI.create(url).getHost());
        return hadSecret ? Change.CHANGED : Change.CREATED_SECRET;
    }

    @Transactional
    Change rotateSecret(Actor actor) {
        if (webhooks.settings(actor.organisation()).secret() == null) {
            return Change.NONE;
        }
        webhooks.rotateSecret(actor.organisation());
        audit(actor, "SECRET_ROTATED", null);
        return Change.CHANGED;
    }

    @Transactional
    Change retirePreviousSecret(Actor actor) {
        if (webhooks.settings(actor.organisation()).previousSecret() == null) {
            return Change.NONE;
        }
        webhooks.retirePreviousSecret(actor.organisation());
        audit(actor, "PREVIOUS_RETIRED", null);
        return Change.CHANGED;
    }

    @Transactional
    Change disable(Actor actor) {
        if (!webhooks.settings(actor.organisation()).enabled()) {
            return Change.NONE;
        }
        webhooks.disable(actor.organisation());
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
}
