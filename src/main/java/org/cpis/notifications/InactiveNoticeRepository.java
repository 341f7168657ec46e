package org.cpis.notifications;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import org.cpis.shared.NhsNumber;
import org.cpis.shared.OdsCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The inactive NHS number notices' rows. */
@Repository
class InactiveNoticeRepository {

    static final String COLUMNS = "seq, id, la_ods, nhs_number, status, new_nhs_number, local_ids, plan_types,"
            + " marked_at, acknowledged_at, created_at";

    private final JdbcClient jdbc;

    InactiveNoticeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether the LA's latest notice for the number already says this (the caller holds the LA's feed lock). */
    boolean alreadySays(InactiveNumberNotices.Mark mark) {
        return jdbc.sql("""
                        select exists (select 1 from (select status, new_nhs_number
                                                        from notifications.inactive_number_notice
                                                       where la_ods = :la and nhs_number = :nhs
                                                       order by seq desc limit 1) latest
                                        where latest.status = :status
                                          and latest.new_nhs_number is not distinct from cast(:new as char(10)))
                        """)
                .param("la", mark.localAuthority().value())
                .param("nhs", mark.nhsNumber().value())
                .param("status", mark.status().name())
                .param("new", value(mark.newNhsNumber()))
                .query(Boolean.class)
                .single();
    }

    void insert(UUID id, InactiveNumberNotices.Mark mark, Instant now) {
        jdbc.sql("""
                insert into notifications.inactive_number_notice
                    (id, la_ods, nhs_number, status, new_nhs_number, local_ids, plan_types, marked_at, created_at)
                values (:id, :la, :nhs, :status, :new, :localIds, :plans, :markedAt, :now)
                """)
                .param("id", id)
                .param("la", mark.localAuthority().value())
                .param("nhs", mark.nhsNumber().value())
                .param("status", mark.status().name())
                .param("new", value(mark.newNhsNumber()))
                .param("localIds", join(mark.localIds(), 200))
                .param("plans", join(mark.planTypes(), 20))
                .param("markedAt", Timestamp.from(mark.markedAt()))
                .param("now", Timestamp.from(now))
                .update();
    }

    List<InactiveNumberNotice> feed(OdsCode la, long after, int limit) {
        return jdbc.sql("select " + COLUMNS + " from notifications.inactive_number_notice"
                        + " where la_ods = :la and seq > :after order by seq limit :limit")
                .param("la", la.value())
                .param("after", after)
                .param("limit", limit)
                .query((rs, n) -> map(rs, ""))
                .list();
    }

    List<InactiveNumberNotice> recent(OdsCode la, int limit) {
        return jdbc.sql("select " + COLUMNS + " from notifications.inactive_number_notice"
                        + " where la_ods = :la order by seq desc limit :limit")
                .param("la", la.value())
                .param("limit", limit)
                .query((rs, n) -> map(rs, ""))
                .list();
    }

    boolean acknowledge(OdsCode la, UUID id, String by, Instant now) {
        return jdbc.sql("""
                        update notifications.inactive_number_notice
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

    /** The columns with {@code prefix} before each name, as the delivery claim selects them beside a notification's. */
    static String columns(String table, String prefix) {
        return Arrays.stream(COLUMNS.split(","))
                .map(String::strip)
                .map(c -> table + "." + c + " " + prefix + c)
                .collect(Collectors.joining(", "));
    }

    /** @param prefix before each column's name, as {@link #columns} selects them */
    static InactiveNumberNotice map(ResultSet rs, String prefix) throws SQLException {
        Timestamp acknowledged = rs.getTimestamp(prefix + "acknowledged_at");
        return new InactiveNumberNotice(
                rs.getLong(prefix + "seq"),
                rs.getObject(prefix + "id", UUID.class),
                new OdsCode(rs.getString(prefix + "la_ods")),
                rs.getString(prefix + "nhs_number"),
                InactiveNumberNotice.Status.valueOf(rs.getString(prefix + "status")),
                rs.getString(prefix + "new_nhs_number"),
                split(rs.getString(prefix + "local_ids")),
                split(rs.getString(prefix + "plan_types")),
                rs.getTimestamp(prefix + "marked_at").toInstant(),
                acknowledged == null ? null : acknowledged.toInstant(),
                rs.getTimestamp(prefix + "created_at").toInstant());
    }

    private static String value(NhsNumber number) {
        return number == null ? null : number.value();
    }

    private static String join(List<String> values, int max) {
        String joined = values.stream().filter(Objects::nonNull).distinct().collect(Collectors.joining(","));
        return joined.isEmpty() ? null : joined.length() > max ? joined.substring(0, max) : joined;
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isBlank() ? List.of() : List.of(joined.split(","));
    }
}
