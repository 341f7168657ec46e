package org.cpis.notifications;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.cpis.shared.OdsCode;

/** Notifications to local authorities (docs/interfaces.md section 5), as the pull API and the LA's pages use them. */
public interface Notifications {

    /** The LA's feed after a cursor, oldest first. */
    List<Notification> feed(OdsCode localAuthority, long after, int limit);

    /** @return false if the LA has no such notification */
    boolean acknowledge(OdsCode localAuthority, UUID id, String by);

    Optional<Notification> find(OdsCode localAuthority, UUID id);

    /** The workbench lists. {@code workerEmail} selects the social worker's own inbox for {@link View#MINE}. */
    WorkbenchPage workbench(OdsCode localAuthority, View view, String workerEmail, String search, int page, int size);

    Counts counts(OdsCode localAuthority, String workerEmail);

    /** Records the review; closes it if asked. Social-care text only: the note is the LA's, never clinical. */
    boolean review(
            OdsCode localAuthority, UUID id, String reviewer, boolean contactedSetting, String note, boolean close);

    int closeAll(OdsCode localAuthority, List<UUID> ids, String reviewer, String note);

    WebhookSettings webhook(OdsCode localAuthority);

    /** Sets the URL; creates a secret if there is none. */
    WebhookSettings configureWebhook(OdsCode localAuthority, String url);

    /** A new secret; the old one stays valid (signatures carry both) until {@link #retirePreviousSecret}. */
    WebhookSettings rotateSecret(OdsCode localAuthority);

    WebhookSettings retirePreviousSecret(OdsCode localAuthority);

    void disableWebhook(OdsCode localAuthority);

    List<DeliveryStatus> failedDeliveries(OdsCode localAuthority, int limit);

    enum View {
        MINE,
        MASH,
        UNREVIEWED,
        ESCALATED,
        CLOSED,
        ALL
    }

    record WorkbenchPage(List<Notification> items, int page, int size, long total) {}

    record Counts(long mine, long mash, long unreviewed, long escalated) {}

    record WebhookSettings(String url, String secret, String previousSecret, boolean enabled) {}

    record DeliveryStatus(UUID notificationId, String channel, String status, int attempts, String lastError) {}
}
