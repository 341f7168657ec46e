package org.cpis.notifications;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cpis.notifications.Notifications.Counts;
import org.cpis.notifications.Notifications.View;
import org.cpis.notifications.Notifications.WorkbenchPage;
import org.cpis.shared.OdsCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The workbench's reads of an LA's notifications, and the LA's review state on them. */
@Repository
class ReviewRepository {

    private final JdbcClient jdbc;

    ReviewRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    WorkbenchPage page(OdsCode la, View view, String workerEmail, String search, int page, int size) {
        String q = search == null ? "" : search.replace(" ", "").trim();
        String where = where(view, !q.isEmpty());
        long total = jdbc.sql("select count(*) from notifications.notification" + where)
                .params(filter(la, workerEmail, q))
                .query(Long.class)
                .single();
        List<Notification> items = jdbc.sql("select " + NotificationRepository.COLUMNS
                        + " from notifications.notification" + where
                        + " order by (escalated_at is null), created_at desc, seq desc limit :limit offset :offset")
                .params(filter(la, workerEmail, q))
                .param("limit", size)
                .param("offset", (long) page * size)
                .query(NotificationRepository::map)
                .list();
        return new WorkbenchPage(items, page, size, total);
    }

    private static String where(View view, boolean search) {
        String where = " where la_ods = :la"
                + switch (view) {
                    case MINE -> " and status = 'UNREVIEWED' and allocated_worker = lower(:worker)";
                    case MASH -> " and status = 'UNREVIEWED' and queue = 'MASH'";
                    case UNREVIEWED -> " and status = 'UNREVIEWED'";
                    case ESCALATED -> " and status = 'UNREVIEWED' and escalated_at is not null";
                    case CLOSED -> " and status = 'CLOSED'";
                    case ALL -> "";
                };
        return search ? where + " and (nhs_number = :q or local_ids like :qLike)" : where;
    }

    private static Map<String, Object> filter(OdsCode la, String workerEmail, String q) {
        return Map.of(
                "la",
                la.value(),
                "worker",
                workerEmail == null ? "" : workerEmail,
                "q",
                q,
                "qLike",
                "%" + q.replace("%", "").replace("_", "") + "%");
    }

    Counts counts(OdsCode la, String workerEmail) {
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

    boolean review(OdsCode la, UUID id, String reviewer, boolean contacted, String note, boolean close, Instant now) {
        return jdbc.sql("""
                        update notifications.notification
                           set reviewed_by = :reviewer, contacted_setting = :contacted, outcome_note = :note,
                               status = case when :close then 'CLOSED' else status end,
                               closed_at = case when :close then :now else closed_at end,
                               updated_at = :now
                         where la_ods = :la and id = :id and status = 'UNREVIEWED'
                        """)
                        .param("reviewer", reviewer)
                        .param("contacted", contacted)
                        .param("note", note)
                        .param("close", close)
                        .param("now", Timestamp.from(now))
                        .param("la", la.value())
                        .param("id", id)
                        .update()
                == 1;
    }

    int closeAll(OdsCode la, List<UUID> ids, String reviewer, String note, Instant now) {
        return jdbc.sql("""
                        update notifications.notification
                           set status = 'CLOSED', closed_at = :now, updated_at = :now, reviewed_by = :reviewer,
                               outcome_note = coalesce(outcome_note, :note)
                         where la_ods = :la and status = 'UNREVIEWED' and id = any(:ids)
                        """)
                .param("now", Timestamp.from(now))
                .param("reviewer", reviewer)
                .param("note", note)
                .param("la", la.value())
                .param("ids", ids.toArray(UUID[]::new))
                .update();
    }

    /** Flags the notifications left unreviewed since before the cutoff; returns each one's id and LA. */
    List<Escalated> escalate(Instant now, Instant cutoff) {
        return jdbc.sql("""
                        update notifications.notification set escalated_at = :now, updated_at = :now
                         where status = 'UNREVIEWED' and escalated_at is null and created_at < :cutoff
                        returning id, la_ods
                        """)
                .param("now", Timestamp.from(now))
                .param("cutoff", Timestamp.from(cutoff))
                .query((rs, n) -> new Escalated(rs.getObject(1, UUID.class), new OdsCode(rs.getString(2))))
                .list();
    }

    record Escalated(UUID id, OdsCode la) {}
}
