package org.cpis.notifications;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.cpis.lookup.UnscheduledAccessRecorded;
import org.cpis.organisations.LocalAuthority;
import org.cpis.organisations.Organisations;
import org.cpis.records.VisibleRecord;
import org.cpis.shared.OdsCode;
import org.cpis.webhooks.Webhooks;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.function.SingletonSupplier;

/**
 * Makes the notifications of an unscheduled access, inside the lookup's transaction (spec section 5): one per LA
 * holding a visible record, or one more access counted on that LA's notification for the same child and organisation
 * within the grouping window. A new notification is queued for the LA's webhook and duty team mailbox.
 */
@Component
class NotificationCreator {

    private final JdbcClient jdbc;
    private final NotificationRepository notifications;
    private final Webhooks webhooks;
    private final EmailSender email;
    private final Organisations organisations;
    private final NotificationsProperties properties;
    // Resolved on first use rather than injected (the MESH module depends on this one), and once: resolving a bean by
    // type on every new notification showed in the lookup's profile.
    private final Supplier<Optional<MeshDelivery>> mesh;

    NotificationCreator(
            JdbcClient jdbc,
            NotificationRepository notifications,
            Webhooks webhooks,
            EmailSender email,
            Organisations organisations,
            NotificationsProperties properties,
            ObjectProvider<MeshDelivery> mesh) {
        this.jdbc = jdbc;
        this.notifications = notifications;
        this.webhooks = webhooks;
        this.email = email;
        this.organisations = organisations;
        this.properties = properties;
        this.mesh = SingletonSupplier.of(() -> Optional.ofNullable(mesh.getIfAvailable()));
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void onUnscheduledAccess(UnscheduledAccessRecorded access) {
        // In one order everywhere, so that two lookups never wait for each other's LA locks in a cycle.
        Map<OdsCode, List<VisibleRecord>> byLa = access.records().stream()
                .collect(Collectors.groupingBy(
                        VisibleRecord::localAuthority,
                        () -> new TreeMap<>(Comparator.comparing(OdsCode::value)),
                        Collectors.toList()));
        byLa.forEach((la, records) -> {
            // Serialises concurrent accesses of one child from one organisation for this LA, so they group.
            jdbc.sql("select pg_advisory_xact_lock(hashtext(:key))")
                    .param("key", groupKey(la, access))
                    .query()
                    .listOfRows();
            Optional<UUID> open = notifications.openGroup(
                    la,
                    access.nhsNumber().value(),
                    access.organisation(),
                    access.accessedAt().minus(properties.groupingWindow()));
            if (open.isPresent()) {
                notifications.countAnother(open.get(), access.accessedAt());
                notifications.addAccess(
                        open.get(), access.accessId(), access.accessedAt(), access.actorName(), access.actorRole());
            } else {
                create(la, records, access);
            }
        });
    }

    private static String groupKey(OdsCode la, UnscheduledAccessRecorded access) {
        return "cpis-notify:" + la.value() + ":" + access.nhsNumber().value() + ":"
                + access.organisation().value();
    }

    private void create(OdsCode la, List<VisibleRecord> records, UnscheduledAccessRecorded access) {
        String[] channels = channels(la).stream().map(Channel::name).toArray(String[]::new);
        insert(la, records, access, channels);
    }

    /** Where a new notification of this LA is delivered besides the pull API and the workbench. */
    private List<Channel> channels(OdsCode la) {
        List<Channel> channels = new ArrayList<>(3);
        LocalAuthority authority = organisations.localAuthority(la).orElse(null);
        if (authority != null && authority.dutyTeamEmail() != null && email.configured()) {
            channels.add(Channel.EMAIL);
        }
        if (webhooks.enabled(la)) {
            channels.add(Channel.WEBHOOK);
        }
        if (mesh.get().map(m -> m.chosenBy(la)).orElse(false)) {
            channels.add(Channel.MESH);
        }
        return channels;
    }

    private void insert(OdsCode la, List<VisibleRecord> records, UnscheduledAccessRecorded access, String[] channels) {
        String worker = records.stream()
                .map(VisibleRecord::allocatedWorker)
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
        jdbc.sql(INSERT)
                .param("id", UUID.randomUUID())
                .param("la", la.value())
                .param("nhs", access.nhsNumber().value())
                .param(
                        "localIds",
                        join(records.stream().map(VisibleRecord::localId).toList(), 200))
                .param(
                        "plans",
                        join(records.stream().map(r -> r.planType().name()).toList(), 20))
                .param("access", access.accessId())
                .param("at", Timestamp.from(access.accessedAt()))
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
                .param("queue", (worker == null ? Notification.Queue.MASH : Notification.Queue.SOCIAL_WORKER).name())
                .param("channels", channels)
                .param("giveUp", Timestamp.from(access.accessedAt().plus(properties.webhookRetryFor())))
                .update();
    }

    /**
     * A new notification, a delivery on each channel (DeliveryQueue's rows) and its first access, after taking the LA's
     * feed lock. The pull API's cursor (seq) is taken at insert, but rows become visible at commit. Holding this LA's
     * lock from before the insert to the commit makes its notifications commit in cursor order, so a polling LA system
     * never moves its cursor past one that commits later. Every lookup that notifies this LA waits for it, so it is
     * taken last, in this statement: the notification row is made from the lock's row, so its seq is drawn after the
     * lock is held, and the lock is held over this one statement and the commit.
     */
    private static final String INSERT = """
            with feed_lock as (
                select pg_advisory_xact_lock(hashtext('cpis-notify-feed'), hashtext(:la))
            ), notification as (
                insert into notifications.notification
                    (id, la_ods, nhs_number, local_ids, plan_types, first_access_id, first_accessed_at,
                     last_accessed_at, actor_name, actor_role, org_ods, org_name, care_setting_type,
                     allocated_worker, queue, created_at, updated_at)
                select :id, :la, :nhs, :localIds, :plans, :access, :at, :at, :actor, :role, :org, :orgName, :type,
                       :worker, :queue, :at, :at
                  from feed_lock
                returning id
            ), delivery as (
                insert into notifications.delivery (notification_id, la_ods, channel, next_attempt_at, give_up_at,
                                                    created_at)
                select id, :la, channel, :at, :giveUp, :at
                  from notification cross join unnest(cast(:channels as varchar[])) as channel
            )
            insert into notifications.notification_access (notification_id, access_id, accessed_at, actor_name,
                                                           actor_role)
            select id, :access, :at, :actor, :role from notification
            """;

    private static String join(List<String> values, int max) {
        String joined = values.stream().filter(Objects::nonNull).distinct().collect(Collectors.joining(","));
        return joined.isEmpty() ? null : joined.length() > max ? joined.substring(0, max) : joined;
    }
}
