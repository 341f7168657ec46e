package org.cpis.notifications;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.cpis.shared.OdsCode;
import org.cpis.webhooks.WebhookSettings;
import org.cpis.webhooks.Webhooks;

/**
 * Notifications to local authorities (docs/interfaces.md section 5): the feed the pull API and the webhook deliver,
 * and the reads and review state the workbench uses. All for one LA at a time.
 */
public interface Notifications {

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

    /**
     * Flags unreviewed notifications older than the escalation time; they rise to the top of the duty view and, where an
     * SMTP server and the LA's duty mailbox are set, are e-mailed to that mailbox.
     */
    int escalate();

    /** Whether an SMTP server is configured, so that the e-mail backup (and escalation e-mails) can go. */
    boolean emailBackupOn();

    /**
     * Sets the LA's webhook URL and turns it on; creates a secret if there is none ({@link Webhooks#configure}). Kept
     * here for the notification benchmark, which sets up its receiver with it.
     */
    WebhookSettings configureWebhook(OdsCode localAuthority, String url);

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
}
