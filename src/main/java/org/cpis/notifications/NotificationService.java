package org.cpis.notifications;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.cpis.lookup.UnscheduledAccessRecorded;
import org.cpis.organisations.LocalAuthority;
import org.cpis.organisations.Organisations;
import org.cpis.records.VisibleRecord;
import org.cpis.shared.OdsCode;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

@Service
class NotificationService implements Notifications {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final NotificationRepository notifications;
    private final Organisations organisations;
    private final NotificationsProperties properties;
    private final Clock clock;
    private final ObjectProvider<JavaMailSender> mail;
    private final WebhookSecrets secrets;

    NotificationService(
            JdbcClient jdbc,
            NotificationRepository notifications,
            Organisations organisations,
            NotificationsProperties properties,
            Clock clock,
            ObjectProvider<JavaMailSender> mail,
            WebhookSecrets secrets) {
        this.secrets = secrets;
        this.mail = mail;
        this.jdbc = jdbc;
        this.notifications = notifications;
        this.organisations = organisations;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Runs inside the lookup's transaction (spec section 5): one notification per LA holding a visible record, or one
     * more access counted on that LA's notification for the same child and organisation within the window.
     */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void onUnscheduledAccess(UnscheduledAccessRecorded access) {
        // In one order everywhere, so that two lookups never wait for each other's LA locks in a cycle.
        Map<OdsCode, List<VisibleRecord>> byLa = access.records().stream()
                .collect(Collectors.groupingBy(
                        VisibleRecord::localAuthority,
                        () -> new TreeMap<>(Comparator.comparing(OdsCode::value)),
                        Collectors.toList()));
        for (Map.Entry<OdsCode, List<VisibleRecord>> entry : byLa.entrySet()) {
            OdsCode la = entry.getKey();
            String nhs = access.nhsNumber().value();
            // Serialises concurrent accesses of one child from one organisation for this LA, so they group.
            jdbc.sql("select pg_advisory_xact_lock(hashtext(:key))")
                    .param(
                            "key",
                            "cpis-notify:" + la.value() + ":" + nhs + ":"
                                    + access.organisation().value())
                    .query()
                    .listOfRows();
            Optional<UUID> open = notifications.openGroup(
                    la, nhs, access.organisation(), access.accessedAt().minus(properties.groupingWindow()));
            if (open.isPresent()) {
                notifications.countAnother(open.get(), access.accessedAt());
            } else {
                create(la, entry.getValue(), access);
            }
        }
    }

    private void create(OdsCode la, List<VisibleRecord> records, UnscheduledAccessRecorded access) {
        // The pull API's cursor (seq) is taken at insert, but rows become visible at commit. Holding this LA's lock
        // from before the insert to the commit makes its notifications commit in cursor order, so a polling LA system
        // never moves its cursor past one that commits later.
        jdbc.sql("select pg_advisory_xact_lock(hashtext('cpis-notify-feed'), hashtext(:la))")
                .param("la", la.value())
                .query()
                .listOfRows();
        UUID id = UUID.randomUUID();
        String worker = records.stream()
                .map(VisibleRecord::allocatedWorker)
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
        Timestamp at = Timestamp.from(access.accessedAt());
        jdbc.sql("""
                insert into notifications.notification
                    (id, la_ods, nhs_number, local_ids, plan_types, first_access_id, first_accessed_at,
                     last_accessed_at, actor_name, actor_role, org_ods, org_name, care_setting_type,
                     allocated_worker, queue, created_at, updated_at)
                values (:id, :la, :nhs, :localIds, :plans, :access, :at, :at, :actor, :role, :org, :orgName, :type,
                        :worker, :queue, :at, :at)
                """)
                .param("id", id)
                .param("la", la.value())
                .param("nhs", access.nhsNumber().value())
                .param(
                        "localIds",
                        join(records.stream().map(VisibleRecord::localId).toList(), 200))
                .param(
                        "plans",
                        join(records.stream().map(r -> r.planType().name()).toList(), 20))
                .param("access", access.accessId())
                .param("at", at)
                .param("actor", access.actorName())
                .param("role", access.actorRole())
                .param("org", access.organisation().value())
                .param("orgName", access.organisationName())
                .param(
                        "type",
                        access.careSettingType() == null
                                ? null
                                : access.careSettingType().name())
                .param("worker", worker)
                .param("queue", worker == null ? "MASH" : "SOCIAL_WORKER")
                .update();
        Instant now = access.accessedAt();
        LocalAuthority authority = organisations.localAuthority(la).orElse(null);
        // No e-mail is queued where no SMTP server is configured (the embedded default): it could never go.
        if (authority != null && authority.dutyTeamEmail() != null && mail.getIfAvailable() != null) {
            delivery(id, la, "EMAIL", now, now.plus(properties.webhookRetryFor()));
        }
        boolean webhook = jdbc.sql("select count(*) from notifications.webhook where la_ods = :la and enabled")
                        .param("la", la.value())
                        .query(Integer.class)
                        .single()
                > 0;
        if (webhook) {
            delivery(id, la, "WEBHOOK", now, now.plus(properties.webhookRetryFor()));
        }
    }

    private void delivery(UUID notification, OdsCode la, String channel, Instant now, Instant giveUpAt) {
        jdbc.sql("""
                insert into notifications.delivery
                    (notification_id, la_ods, channel, next_attempt_at, give_up_at, created_at)
                values (:n, :la, :channel, :now, :giveUp, :now)
                """)
                .param("n", notification)
                .param("la", la.value())
                .param("channel", channel)
                .param("now", Timestamp.from(now))
                .param("giveUp", Timestamp.from(giveUpAt))
                .update();
    }

    private static String join(List<String> values, int max) {
        String joined = values.stream().filter(Objects::nonNull).distinct().collect(Collectors.joining(","));
        return joined.isEmpty() ? null : joined.length() > max ? joined.substring(0, max) : joined;
    }

    @Override
    @Transactional(readOnly = true)
    public List<Notification> feed(OdsCode la, long after, int limit) {
        return notifications.feed(la, after, limit);
    }

    @Override
    @Transactional
    public boolean acknowledge(OdsCode la, UUID id, String by) {
        int found = jdbc.sql("""
                        update notifications.notification
                           set acknowledged_at = coalesce(acknowledged_at, :now),
                               acknowledged_by = coalesce(acknowledged_by, :by)
                         where la_ods = :la and id = :id
                        """)
                .param("now", Timestamp.from(Instant.now(clock)))
                .param("by", by)
                .param("la", la.value())
                .param("id", id)
                .update();
        return found == 1;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Notification> find(OdsCode la, UUID id) {
        return notifications.find(la, id);
    }

    @Override
    @Transactional(readOnly = true)
    public WorkbenchPage workbench(OdsCode la, View view, String workerEmail, String search, int page, int size) {
        StringBuilder where = new StringBuilder(" where la_ods = :la");
        switch (view) {
            case MINE -> where.append(" and status = 'UNREVIEWED' and allocated_worker = lower(:worker)");
            case MASH -> where.append(" and status = 'UNREVIEWED' and queue = 'MASH'");
            case UNREVIEWED -> where.append(" and status = 'UNREVIEWED'");
            case ESCALATED -> where.append(" and status = 'UNREVIEWED' and escalated_at is not null");
            case CLOSED -> where.append(" and status = 'CLOSED'");
            case ALL -> {}
        }
        String q = search == null ? "" : search.replace(" ", "").trim();
        if (!q.isEmpty()) {
            where.append(" and (nhs_number = :q or local_ids like :qLike)");
        }
        long total = jdbc.sql("select count(*) from notifications.notification" + where)
                .param("la", la.value())
                .param("worker", workerEmail == null ? "" : workerEmail)
                .param("q", q)
                .param("qLike", "%" + q.replace("%", "").replace("_", "") + "%")
                .query(Long.class)
                .single();
        List<Notification> items = jdbc.sql("select " + NotificationRepository.COLUMNS
                        + " from notifications.notification" + where
                        + " order by (escalated_at is null), created_at desc, seq desc limit :limit offset :offset")
                .param("la", la.value())
                .param("worker", workerEmail == null ? "" : workerEmail)
                .param("q", q)
                .param("qLike", "%" + q.replace("%", "").replace("_", "") + "%")
                .param("limit", size)
                .param("offset", (long) page * size)
                .query(NotificationRepository::map)
                .list();
        return new WorkbenchPage(items, page, size, total);
    }

    @Override
    @Transactional(readOnly = true)
    public Counts counts(OdsCode la, String workerEmail) {
        return jdbc.sql("""
                        select count(*) filter (where allocated_worker = lower(:worker)) as mine,
                               count(*) filter (where queue = 'MASH') as mash,
                               count(*) as unreviewed,
                               count(*) filter (where escalated_at is not null) as escalated
                          from notifications.notification where la_ods = :la and status = 'UNREVIEWED'
                        """)
                .param("la", la.value())
                .param("worker", workerEmail == null ? "" : workerEmail)
                .query((rs, n) -> new Counts(
                        rs.getLong("mine"), rs.getLong("mash"), rs.getLong("unreviewed"), rs.getLong("escalated")))
                .single();
    }

    @Override
    @Transactional
    public boolean review(OdsCode la, UUID id, String reviewer, boolean contactedSetting, String note, boolean close) {
        Timestamp now = Timestamp.from(Instant.now(clock));
        return jdbc.sql("""
                        update notifications.notification
                           set reviewed_by = :reviewer, contacted_setting = :contacted, outcome_note = :note,
                               status = case when :close then 'CLOSED' else status end,
                               closed_at = case when :close then :now else closed_at end,
                               updated_at = :now
                         where la_ods = :la and id = :id and status = 'UNREVIEWED'
                        """)
                        .param("reviewer", reviewer)
                        .param("contacted", contactedSetting)
                        .param("note", note == null || note.isBlank() ? null : note.strip())
                        .param("close", close)
                        .param("now", now)
                        .param("la", la.value())
                        .param("id", id)
                        .update()
                == 1;
    }

    @Override
    @Transactional
    public int closeAll(OdsCode la, List<UUID> ids, String reviewer, String note) {
        if (ids.isEmpty()) {
            return 0;
        }
        Timestamp now = Timestamp.from(Instant.now(clock));
        return jdbc.sql("""
                        update notifications.notification
                           set status = 'CLOSED', closed_at = :now, updated_at = :now, reviewed_by = :reviewer,
                               outcome_note = coalesce(outcome_note, :note)
                         where la_ods = :la and status = 'UNREVIEWED' and id = any(:ids::uuid[])
                        """)
                .param("now", now)
                .param("reviewer", reviewer)
                .param("note", note == null || note.isBlank() ? null : note.strip())
                .param("la", la.value())
                .param("ids", ids.stream().map(UUID::toString).toArray(String[]::new))
                .update();
    }

    /** Flags unreviewed notifications older than the escalation time; they rise to the top of the duty view. */
    @Transactional
    int escalate() {
        Instant now = Instant.now(clock);
        return jdbc.sql("""
                        update notifications.notification set escalated_at = :now, updated_at = :now
                         where status = 'UNREVIEWED' and escalated_at is null and created_at < :cutoff
                        """)
                .param("now", Timestamp.from(now))
                .param("cutoff", Timestamp.from(now.minus(properties.escalateAfter())))
                .update();
    }

    @Override
    @Transactional(readOnly = true)
    public WebhookSettings webhook(OdsCode la) {
        return jdbc.sql("select url, secret, previous_secret, enabled from notifications.webhook where la_ods = :la")
                .param("la", la.value())
                .query((rs, n) -> new WebhookSettings(
                        rs.getString("url"),
                        secrets.open(la.value(), rs.getString("secret")),
                        secrets.open(la.value(), rs.getString("previous_secret")),
                        rs.getBoolean("enabled")))
                .optional()
                .orElse(new WebhookSettings(null, null, null, false));
    }

    @Override
    @Transactional
    public WebhookSettings configureWebhook(OdsCode la, String url) {
        jdbc.sql("""
                insert into notifications.webhook (la_ods, url, secret, enabled, updated_at)
                values (:la, :url, :secret, true, :now)
                on conflict (la_ods) do update set url = excluded.url, enabled = true, updated_at = excluded.updated_at,
                                                   consecutive_failures = 0, retry_after = null
                """)
                .param("la", la.value())
                .param("url", url)
                .param("secret", secrets.seal(la.value(), newSecret()))
                .param("now", Timestamp.from(Instant.now(clock)))
                .update();
        return webhook(la);
    }

    @Override
    @Transactional
    public WebhookSettings rotateSecret(OdsCode la) {
        jdbc.sql("""
                update notifications.webhook set previous_secret = secret, secret = :secret, updated_at = :now
                 where la_ods = :la
                """)
                .param("secret", secrets.seal(la.value(), newSecret()))
                .param("now", Timestamp.from(Instant.now(clock)))
                .param("la", la.value())
                .update();
        return webhook(la);
    }

    @Override
    @Transactional
    public WebhookSettings retirePreviousSecret(OdsCode la) {
        jdbc.sql("update notifications.webhook set previous_secret = null, updated_at = :now where la_ods = :la")
                .param("now", Timestamp.from(Instant.now(clock)))
                .param("la", la.value())
                .update();
        return webhook(la);
    }

    @Override
    @Transactional
    public void disableWebhook(OdsCode la) {
        jdbc.sql("update notifications.webhook set enabled = false, updated_at = :now where la_ods = :la")
                .param("now", Timestamp.from(Instant.now(clock)))
                .param("la", la.value())
                .update();
    }

    @Override
    @Transactional(readOnly = true)
    public List<DeliveryStatus> failedDeliveries(OdsCode la, int limit) {
        return new ArrayList<>(jdbc.sql("""
                        select d.notification_id, d.channel, d.status, d.attempts, d.last_error
                          from notifications.delivery d join notifications.notification n on n.id = d.notification_id
                         where n.la_ods = :la and d.status = 'FAILED'
                         order by d.created_at desc limit :limit
                        """)
                .param("la", la.value())
                .param("limit", limit)
                .query((rs, n) -> new DeliveryStatus(
                        rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5)))
                .list());
    }

    /** Standard Webhooks secret: "whsec_" and 24 random bytes in base64. */
    static String newSecret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getEncoder().encodeToString(bytes);
    }
}
