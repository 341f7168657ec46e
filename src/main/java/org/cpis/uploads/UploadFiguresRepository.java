package org.cpis.uploads;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.cpis.shared.OdsCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class UploadFiguresRepository implements UploadFigures {

    private final JdbcClient jdbc;

    UploadFiguresRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<LaUploads> perLa(Optional<OdsCode> la, Instant from, Instant to) {
        return jdbc.sql("""
                with period as (
                    select id, la_ods, status, received, rejected
                      from uploads.upload
                     where received_at >= :from and received_at < :to
                       and (cast(:la as varchar) is null or la_ods = :la)),
                nhs as (
                    select p.la_ods, count(*) as lines
                      from uploads.rejection r join period p on p.id = r.upload_id
                     where r.reason = 'INVALID_NHS_NUMBER'
                     group by p.la_ods)
                select p.la_ods, count(*),
                       count(*) filter (where status = 'ALL_LOADED'),
                       count(*) filter (where status = 'PARTIALLY_LOADED'),
                       count(*) filter (where status = 'NONE_LOADED'),
                       count(*) filter (where status = 'MALFORMED'),
                       sum(received), sum(rejected), coalesce(max(nhs.lines), 0)
                  from period p left join nhs on nhs.la_ods = p.la_ods
                 group by p.la_ods
                 order by p.la_ods
                """)
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .param("la", la.map(OdsCode::value).orElse(null))
                .query((rs, n) -> new LaUploads(
                        new OdsCode(rs.getString(1)),
                        rs.getLong(2),
                        rs.getLong(3),
                        rs.getLong(4),
                        rs.getLong(5),
                        rs.getLong(6),
                        rs.getLong(7),
                        rs.getLong(8),
                        rs.getLong(9)))
                .list();
    }

    @Override
    public List<ReasonCount> rejectionReasons(Optional<OdsCode> la, Instant from, Instant to) {
        return jdbc.sql("""
                select u.la_ods, r.reason, count(*)
                  from uploads.rejection r join uploads.upload u on u.id = r.upload_id
                 where u.received_at >= :from and u.received_at < :to
                   and (cast(:la as varchar) is null or u.la_ods = :la)
                 group by 1, 2
                 order by 1, 2
                """)
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .param("la", la.map(OdsCode::value).orElse(null))
                .query((rs, n) -> new ReasonCount(
                        new OdsCode(rs.getString(1)), RejectionReason.valueOf(rs.getString(2)), rs.getLong(3)))
                .list();
    }

    @Override
    public List<StatusCount> byStatus() {
        return jdbc.sql("select status, count(*) from uploads.upload group by status order by status")
                .query((rs, n) -> new StatusCount(UploadStatus.valueOf(rs.getString(1)), rs.getLong(2)))
                .list();
    }
}
