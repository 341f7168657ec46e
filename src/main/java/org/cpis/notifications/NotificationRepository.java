package org.cpis.notifications;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.cpis.shared.OdsCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The notification rows as the feed reads them, and the grouping of accesses into one. */
@Repository
class NotificationRepository {

    static final String COLUMNS = """
            seq, id, la_ods, nhs_number, local_ids, plan_types, first_accessed_at, last_accessed_at, access_count,
            actor_name, actor_role, org_ods, org_name, care_setting_type, allocated_worker, queue, status,
            escalated_at, acknowledged_at, reviewed_by, contacted_setting, outcome_note, closed_at, created_at""";

    private final JdbcClient jdbc;

    NotificationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<UUID> openGroup(OdsCode la, String nhs, OdsCode org, Instant since) {
        return jdbc.sql("""
                        select id from notifications.notification
                         where la_ods = :la and nhs_number = :nhs and org_ods = :org and first_accessed_at >= :since
                         order by first_accessed_at desc limit 1
                        """)
                .param("la", la.value())
                .param("nhs", nhs)
                .param("org", org.value())
                .param("since", Timestamp.from(since))
                .query(UUID.class)
                .optional();
    }

    void countAnother(UUID id, Instant at) {
        jdbc.sql("""
                update notifications.notification
                   set access_count = access_count + 1, last_accessed_at = greatest(last_accessed_at, :at),
                       updated_at = :at
                 where id = :id
                """).param("id", id).param("at", Timestamp.from(at)).update();
    }

    void addAccess(UUID id, long accessId, Instant at, String name, String role) {
        jdbc.sql("""
                insert into notifications.notification_access (notification_id, access_id, accessed_at, actor_name,
                                                               actor_role)
                values (:id, :access, :at, :name, :role)
                on conflict do nothing
                """)
                .param("id", id)
                .param("access", accessId)
                .param("at", Timestamp.from(at))
                .param("name", name)
                .param("role", role)
                .update();
    }

    /**
     * Who looked, for notifications the caller has already read (so already within one LA's scope), by the access
     * table's primary key alone. Joined with the notification table to check the LA, the planner drove the join from
     * the LA's notifications whenever its statistics lagged behind a fast-growing table (a generic plan estimated 4
     * of 5,000 rows): every pull API page and webhook then walked all of them (notification benchmark, 2026-12-02).
     */
    Map<UUID, List<Notification.AccessedBy>> accessesOf(Collection<UUID> ids) {
        Map<UUID, List<Notification.AccessedBy>> byNotification = new HashMap<>();
        if (ids.isEmpty()) {
            return byNotification;
        }
        jdbc.sql("""
                        select notification_id, accessed_at, actor_name, actor_role
                          from notifications.notification_access
                         where notification_id = any(:ids)
                         order by accessed_at, access_id
                        """).param("ids", ids.toArray(UUID[]::new)).query(rs -> {
            byNotification
                    .computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                    .add(new Notification.AccessedBy(rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4)));
        });
        return byNotification;
    }

    List<Notification> feed(OdsCode la, long after, int limit) {
        return jdbc.sql("select " + COLUMNS + " from notifications.notification where la_ods = :la and seq > :after"
                        + " order by seq limit :limit")
                .param("la", la.value())
                .param("after", after)
                .param("limit", limit)
                .query(NotificationRepository::map)
                .list();
    }

    Optional<Notification> find(OdsCode la, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from notifications.notification where la_ods = :la and id = :id")
                .param("la", la.value())
                .param("id", id)
                .query(NotificationRepository::map)
                .optional();
    }

    boolean acknowledge(OdsCode la, UUID id, String by, Instant now) {
        return jdbc.sql("""
                        update notifications.notification
                           set acknowledged_at = coalesce(acknowledged_at, :now),
                               acknowledged_by = coalesce(acknowledged_by, :by)
                         where la_ods = :la and id = :id
                        """)
                        .param("now", Timestamp.from(now))
                        .param("by", by)
                        .param("la", la.value())
                        .param("id", id)
                        .update()
                == 1;
    }

    static Notification map(ResultSet rs, int row) throws SQLException {
        Object contacted = rs.getObject("contacted_setting");
        return new Notification(
                rs.getLong("seq"),
                rs.getObject("id", UUID.class),
                new OdsCode(rs.getString("la_ods")),
                rs.getString("nhs_number"),
                rs.getString("local_ids"),
                rs.getString("plan_types"),
                instant(rs, "first_accessed_at"),
                instant(rs, "last_accessed_at"),
                rs.getInt("access_count"),
                rs.getString("actor_name"),
                rs.getString("actor_role"),
                new OdsCode(rs.getString("org_ods")),
                rs.getString("org_name"),
                rs.getString("care_setting_type"),
                rs.getString("allocated_worker"),
                Notification.Queue.valueOf(rs.getString("queue")),
                Notification.Status.valueOf(rs.getString("status")),
                instant(rs, "escalated_at"),
                instant(rs, "acknowledged_at"),
                rs.getString("reviewed_by"),
                contacted == null ? null : (Boolean) contacted,
                rs.getString("outcome_note"),
                instant(rs, "closed_at"),
                instant(rs, "created_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
