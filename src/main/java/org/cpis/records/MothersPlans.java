package org.cpis.records;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import org.cpis.shared.OdsCode;
import org.cpis.shared.PlanType;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A newborn's CPP or LAC row naming the mother ends the mother's UCPP (held by the same LA) on the child's start date,
 * and the two are linked both ways: the unborn child the UCPP protected now has a plan of its own.
 */
final class MothersPlans {

    private final JdbcClient jdbc;
    private final OdsCode localAuthority;
    private final Timestamp now;

    MothersPlans(JdbcClient jdbc, OdsCode localAuthority, Timestamp now) {
        this.jdbc = jdbc;
        this.localAuthority = localAuthority;
        this.now = now;
    }

    /** A newborn's plan naming its mother, as the upload sent it. */
    record Newborn(int line, String nhsNumber, String motherNhsNumber, LocalDate startDate) {}

    private record Mother(
            LocalDate dateOfBirth, LocalDate endDate, LocalDate expectedDeliveryDate, LocalDate deleteDate) {}

    /**
     * For each newborn's plan of the upload (a few at most in a day's file), changed or not, in line order: a newborn
     * re-sent unchanged still ends a UCPP that arrived after it.
     */
    void endByNewborns(List<Newborn> newborns) {
        newborns.forEach(this::end);
    }

    private void end(Newborn child) {
        jdbc.sql("""
                        select date_of_birth, end_date, expected_delivery_date, delete_date from records.record
                         where nhs_number = :mother and la_ods = :la and plan_type = 'UCPP'
                        """)
                .param("mother", child.motherNhsNumber())
                .param("la", localAuthority.value())
                .query(Mother.class)
                .optional()
                .ifPresent(mother -> {
                    LocalDate end =
                            mother.endDate() == null || child.startDate().isBefore(mother.endDate())
                                    ? child.startDate()
                                    : mother.endDate();
                    LocalDate visibleUntil = RecordRules.visibleUntil(
                            PlanType.UCPP,
                            mother.dateOfBirth(),
                            end,
                            mother.expectedDeliveryDate(),
                            mother.deleteDate());
                    jdbc.sql("""
                                    update records.record
                                       set end_date = :end, visible_until = :visible,
                                           ended_by_child_nhs_number = :child, updated_at = :now
                                     where nhs_number = :mother and la_ods = :la and plan_type = 'UCPP'
                                    """)
                            .param("end", end)
                            .param("visible", visibleUntil)
                            .param("child", child.nhsNumber())
                            .param("now", now)
                            .param("mother", child.motherNhsNumber())
                            .param("la", localAuthority.value())
                            .update();
                });
    }
}
