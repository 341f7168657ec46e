package org.cpis.records;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.cpis.shared.OdsCode;
import org.cpis.shared.PlanType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class RecordFiguresRepository implements RecordFigures {

    private final JdbcClient jdbc;

    RecordFiguresRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<PlanCount> plansHeld(Optional<OdsCode> la, LocalDate today) {
        // "Ended" is as the alert shows it: an end date on or before today, or (CPP, LAC) the 18th birthday passed,
        // which RecordRules folds into visible_until; an open plan is visible for 364 days past its end at least.
        return jdbc.sql("""
                select la_ods, plan_type,
                       count(*) filter (where end_date is null or end_date > :today) as open,
                       count(*) filter (where end_date <= :today) as ended
                  from records.record
                 where (cast(:la as varchar) is null or la_ods = :la)
                   and visible_until >= :today
                 group by la_ods, plan_type
                 order by la_ods, plan_type
                """)
                .param("today", today)
                .param("la", la.map(OdsCode::value).orElse(null))
                .query((rs, n) -> new PlanCount(
                        new OdsCode(rs.getString(1)), PlanType.valueOf(rs.getString(2)), rs.getLong(3), rs.getLong(4)))
                .list();
    }
}
