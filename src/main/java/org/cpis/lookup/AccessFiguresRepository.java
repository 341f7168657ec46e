package org.cpis.lookup;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.cpis.shared.OdsCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AccessFiguresRepository implements AccessFigures {

    private final JdbcClient jdbc;

    AccessFiguresRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<AccessCount> byCareSettingType(Optional<OdsCode> la, Instant from, Instant to) {
        String scope = la.isPresent() ? " and a.nhs_number in (select nhs_number from records.held_by(:la))" : "";
        return jdbc.sql("""
                select a.care_setting_type, a.unscheduled, count(*)
                  from lookup.access a
                 where a.accessed_at >= :from and a.accessed_at < :to""" + scope + """

                 group by a.care_setting_type, a.unscheduled
                 order by a.care_setting_type, a.unscheduled
                """)
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .param("la", la.map(OdsCode::value).orElse(null))
                .query((rs, n) -> new AccessCount(rs.getString(1), rs.getBoolean(2), rs.getLong(3)))
                .list();
    }
}
