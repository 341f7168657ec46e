package org.cpis.notifications;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.cpis.organisations.LocalAuthority;
import org.cpis.organisations.Organisations;
import org.cpis.shared.OdsCode;
import org.cpis.webhooks.Webhooks;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Inactive NHS number notices: written in the marking transaction with a delivery per channel the LA chose, exactly as
 * {@link NotificationCreator} queues an access notification's, so the {@link DeliveryWorker} delivers them at least once.
 */
@Service
class InactiveNoticeService implements InactiveNumberNotices {

    private final JdbcClient jdbc;
    private final InactiveNoticeRepository notices;
    private final DeliveryQueue deliveries;
    private final Webhooks webhooks;
    private final EmailSender email;
    private final Organisations organisations;
    private final NotificationsProperties properties;
    private final Clock clock;

    InactiveNoticeService(
            JdbcClient jdbc,
            InactiveNoticeRepository notices,
            DeliveryQueue deliveries,
            Webhooks webhooks,
            EmailSender email,
            Organisations organisations,
            NotificationsProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.notices = notices;
        this.deliveries = deliveries;
        this.webhooks = webhooks;
        this.email = email;
        this.organisations = organisations;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<UUID> tell(Mark mark) {
        OdsCode la = mark.localAuthority();
        // The LA's feed lock, as an access notification takes it: held to commit, so that the pull API's cursor order
        // is commit order across both kinds, and so that two marks of one number for one LA are told one at a time.
        jdbc.sql("select pg_advisory_xact_lock(hashtext('cpis-notify-feed'), hashtext(:la))")
                .param("la", la.value())
                .query()
                .listOfRows();
        if (notices.alreadySays(mark)) {
            return Optional.empty();
        }
        UUID id = UUID.randomUUID();
        Instant now = Instant.now(clock);
        notices.insert(id, mark, now);
        Instant giveUp = now.plus(properties.webhookRetryFor());
        boolean dutyMailbox = organisations
                .localAuthority(la)
                .map(LocalAuthority::dutyTeamEmail)
                .isPresent();
        if (dutyMailbox && email.configured()) {
            deliveries.addNotice(id, la, Channel.EMAIL, now, giveUp);
        }
        if (webhooks.enabled(la)) {
            deliveries.addNotice(id, la, Channel.WEBHOOK, now, giveUp);
        }
        return Optional.of(id);
    }

    @Override
    @Transactional
    public boolean acknowledge(OdsCode la, UUID id, String by) {
        return notices.acknowledge(la, id, by, Instant.now(clock));
    }

    @Override
    @Transactional(readOnly = true)
    public List<InactiveNumberNotice> recent(OdsCode la, int limit) {
        return notices.recent(la, limit);
    }
}
