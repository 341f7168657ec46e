package org.cpis.records;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import org.cpis.shared.NhsNumber;
import org.cpis.shared.OdsCode;
import org.cpis.shared.PlanType;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every record of any LA visible on a day for one person (spec section 2), as SQL: the health lookup reads them in
 * the same statement that records its access. The rule itself is the function {@code records.visible} (migration
 * V2026.11.30.17).
 */
public final class VisibleRecordsSql {

    /** A FROM item yielding the person's visible records; bind its parameters with {@link #bind}. */
    public static final String FROM = "records.visible(:visibleNhsNumber, :visibleOn)";

    /** Oldest plan first. */
    public static final String ORDER = "start_date, id";

    private VisibleRecordsSql() {}

    public static JdbcClient.StatementSpec bind(
            JdbcClient.StatementSpec statement, NhsNumber nhsNumber, LocalDate today) {
        return statement.param("visibleNhsNumber", nhsNumber.value()).param("visibleOn", today);
    }

    /** The record on the current row, or null if the row has none (an outer join that found nothing). */
    public static VisibleRecord map(ResultSet rs, NhsNumber nhsNumber, LocalDate today) throws SQLException {
        long id = rs.getLong("id");
        if (rs.wasNull()) {
            return null;
        }
        PlanType type = PlanType.valueOf(rs.getString("plan_type"));
        LocalDate dob = rs.getObject("date_of_birth", LocalDate.class);
        LocalDate endDate = rs.getObject("end_date", LocalDate.class);
        LocalDate end = RecordRules.effectiveEnd(type, dob, endDate);
        return new VisibleRecord(
                id,
                nhsNumber,
                new OdsCode(rs.getString("la_ods")),
                type,
                rs.getString("local_id"),
                dob,
                rs.getObject("start_date", LocalDate.class),
                // An automatic end at 18 still ahead is not an end yet.
                end != null && end.isAfter(today) && endDate == null ? null : end,
                rs.getObject("expected_delivery_date", LocalDate.class),
                rs.getString("allocated_worker"));
    }
}
