package org.cpis.notifications;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.cpis.shared.OdsCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class NotificationFiguresRepository implements NotificationFigures {

    private final JdbcClient jdbc;

    NotificationFiguresRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<MonthCount> perMonth(Optional<OdsCode> la, Instant from, Instant to) {
        return jdbc.sql("""
                select la_ods, to_char(created_at at time zone 'Europe/London', 'YYYY-MM') as month, count(*)
                  from notifications.notification
                 where created_at >= :from and created_at < :to
                   and (cast(:la as varchar) is null or la_ods = :la)
                 group by 1, 2
                 order by 1, 2
                """)
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .param("la", la.map(OdsCode::value).orElse(null))
                .query((rs, n) ->
                        new MonthCount(new OdsCode(rs.getString(1)), YearMonth.parse(rs.getString(2)), rs.getLong(3)))
                .list();
    }

    @Override
    public List<ReviewTime> reviewTimes(Optional<OdsCode> la, Instant from, Instant to) {
        // percentile_cont interpolates between the two middle reviews, as a median usually does.
        return jdbc.sql("""
                select la_ods, count(*),
                       percentile_cont(0.5) within group (order by extract(epoch from closed_at - created_at)),
                       percentile_cont(0.9) within group (order by extract(epoch from closed_at - created_at))
                  from notifications.notification
                 where status = 'CLOSED' and closed_at is not null
                   and created_at >= :from and created_at < :to
                   and (cast(:la as varchar) is null or la_ods = :la)
                 group by la_ods
                 order by la_ods
                """)
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .param("la", la.map(OdsCode::value).orElse(null))
                .query((rs, n) -> new ReviewTime(
                        new OdsCode(rs.getString(1)),
                        rs.getLong(2),
                        seconds(rs.getDouble(3)),
                        seconds(rs.getDouble(4))))
                .list();
    }

    @Override
    public List<DeliveryCount> deliveries() {
        return jdbc.sql("""
                select channel, status, count(*) from notifications.delivery group by 1, 2 order by 1, 2
                """)
                .query((rs, n) -> new DeliveryCount(rs.getString(1), rs.getString(2), rs.getLong(3)))
                .list();
    }

    @Override
    public Duration oldestPendingDelivery(Instant now) {
        // min() of no rows is one null row, which single() would refuse.
        Timestamp oldest = jdbc.sql("select min(created_at) from notifications.delivery where status = 'PENDING'")
                .query((rs, n) -> rs.getTimestamp(1))
                .list()
                .get(0);
        if (oldest == null || oldest.toInstant().isAfter(now)) {
            return Duration.ZERO;
        }
        return Duration.between(oldest.toInstant(), now);
    }

    private static Duration seconds(double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
