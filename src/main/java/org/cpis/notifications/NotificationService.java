package org.cpis.notifications;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.cpis.organisations.LocalAuthority;
import org.cpis.organisations.Organisations;
import org.cpis.shared.OdsCode;
import org.cpis.webhooks.WebhookSettings;
import org.cpis.webhooks.Webhooks;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The module's public API, each call one transaction. */
@Service
class NotificationService implements Notifications {

    private final NotificationRepository notifications;
    private final ReviewRepository reviews;
    private final Webhooks webhooks;
    private final NotificationsProperties properties;
    private final Clock clock;
    private final DeliveryQueue deliveries;
    private final EmailSender email;
    private final Organisations organisations;

    NotificationService(
            NotificationRepository notifications,
            ReviewRepository reviews,
            Webhooks webhooks,
            NotificationsProperties properties,
            Clock clock,
            DeliveryQueue deliveries,
            EmailSender email,
            Organisations organisations) {
        this.deliveries = deliveries;
        this.email = email;
        this.organisations = organisations;
        this.notifications = notifications;
        this.reviews = reviews;
        this.webhooks = webhooks;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    @Transactional
    public boolean acknowledge(OdsCode la, UUID id, String by) {
        return notifications.acknowledge(la, id, by, Instant.now(clock));
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Notification> find(OdsCode la, UUID id) {
        return notifications.find(la, id);
    }

    @Override
    @Transactional(readOnly = true)
    public WorkbenchPage workbench(OdsCode la, View view, String workerEmail, String search, int page, int size) {
        return reviews.page(la, view, workerEmail, search, page, size);
    }

    @Override
    @Transactional(readOnly = true)
    public Counts counts(OdsCode la, String workerEmail) {
        return reviews.counts(la, workerEmail);
    }

    @Override
    @Transactional
    public boolean review(OdsCode la, UUID id, String reviewer, boolean contactedSetting, String note, boolean close) {
        return reviews.review(la, id, reviewer, contactedSetting, stripped(note), close, Instant.now(clock));
    }

    @Override
    @Transactional
    public int closeAll(OdsCode la, List<UUID> ids, String reviewer, String note) {
        return ids.isEmpty() ? 0 : reviews.closeAll(la, ids, reviewer, stripped(note), Instant.now(clock));
    }

    @Override
    @Transactional
    public int escalate() {
        Instant now = Instant.now(clock);
        List<ReviewRepository.Escalated> escalated = reviews.escalate(now, now.minus(properties.escalateAfter()));
        // Each is also e-mailed to the LA's duty mailbox, queued in this transaction so that none is lost.
        if (email.configured()) {
            for (ReviewRepository.Escalated e : escalated) {
                if (organisations
                        .localAuthority(e.la())
                        .map(LocalAuthority::dutyTeamEmail)
                        .isPresent()) {
                    deliveries.add(e.id(), e.la(), Channel.ESCALATION, now, now.plus(properties.webhookRetryFor()));
                }
            }
        }
        return escalated.size();
    }

    @Override
    public boolean emailBackupOn() {
        return email.configured();
    }

    @Override
    public WebhookSettings configureWebhook(OdsCode la, String url) {
        return webhooks.configure(la, url);
    }

    private static String stripped(String note) {
        return note == null || note.isBlank() ? null : note.strip();
    }
}
