package org.cpis.records;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.cpis.audit.Audit;
import org.cpis.audit.AuditEntry;
import org.cpis.shared.EnglandDate;
import org.cpis.shared.NhsNumber;
import org.cpis.shared.OdsCode;
import org.cpis.shared.PlanType;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

@Service
class RecordService implements Records {

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final Audit audit;
    private final ApplicationEventPublisher events;

    RecordService(DataSource dataSource, JdbcClient jdbc, Clock clock, Audit audit, ApplicationEventPublisher events) {
        this.events = events;
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public RecordBatch startBatch(OdsCode localAuthority, UUID uploadId) {
        return new StagedRecordBatch(
                DataSourceUtils.getConnection(dataSource),
                jdbc,
                localAuthority,
                uploadId,
                Timestamp.from(Instant.now(clock)));
    }

    @Override
    @Transactional(readOnly = true)
    public RecordPage search(OdsCode localAuthority, String query, int page, int pageSize) {
        String q = query == null ? "" : query.trim();
        String filter = q.isEmpty() ? "" : " and (nhs_number = :nhs or local_id = :local)";
        String countSql = "select count(*) from records.record where la_ods = :la" + filter;
        String pageSql = """
                select id, nhs_number, local_id, family_name, given_names, date_of_birth, plan_type, start_date,
                       end_date, expected_delivery_date, allocated_worker, visible_until
                  from records.record where la_ods = :la""" + filter + """
                 order by updated_at desc, id desc
                 limit :limit offset :offset
                """;
        long total = bindSearch(jdbc.sql(countSql), localAuthority, q)
                .query(Long.class)
                .single();
        LocalDate today = EnglandDate.today(clock);
        List<RecordPage.Item> items = bindSearch(jdbc.sql(pageSql), localAuthority, q)
                .param("limit", pageSize)
                .param("offset", (long) page * pageSize)
                .query((rs, n) -> pageItem(rs, today))
                .list();
        return new RecordPage(items, page, pageSize, total);
    }

    /** The search's own parameters; the query matches an NHS number only if it is a valid one. */
    private static JdbcClient.StatementSpec bindSearch(
            JdbcClient.StatementSpec statement, OdsCode localAuthority, String q) {
        return statement
                .param("la", localAuthority.value())
                .param("nhs", NhsNumber.isValid(q) ? NhsNumber.of(q).value() : null)
                .param("local", q);
    }

    static RecordPage.Item pageItem(ResultSet rs, LocalDate today) throws SQLException {
        LocalDate start = rs.getObject("start_date", LocalDate.class);
        LocalDate visibleUntil = rs.getObject("visible_until", LocalDate.class);
        return new RecordPage.Item(
                rs.getLong("id"),
                rs.getString("nhs_number"),
                rs.getString("local_id"),
                rs.getString("family_name"),
                rs.getString("given_names"),
                rs.getObject("date_of_birth", LocalDate.class),
                PlanType.valueOf(rs.getString("plan_type")),
                start,
                rs.getObject("end_date", LocalDate.class),
                rs.getObject("expected_delivery_date", LocalDate.class),
                rs.getString("allocated_worker"),
                visibleUntil,
                RecordRules.visibleOn(today, start, visibleUntil));
    }

    @Override
    @Transactional(readOnly = true)
    public java.util.List<org.cpis.shared.NhsNumber> heldBy(OdsCode localAuthority) {
        return jdbc.sql("select distinct nhs_number from records.record where la_ods = :la")
                .param("la", localAuthority.value())
                .query((rs, n) -> org.cpis.shared.NhsNumber.of(rs.getString(1)))
                .list();
    }

    @Override
    @Transactional
    public int purge(LocalDate today) {
        record Purged(long id, String laOds, String nhsNumber, String planType) {}
        List<Purged> purged =
                jdbc.sql("""
                        delete from records.record where visible_until < :today
                        returning id, la_ods, nhs_number, plan_type
                        """).param("today", today).query(Purged.class).list();
        if (!purged.isEmpty()) {
            List<NhsNumber> numbers = purged.stream()
                    .map(Purged::nhsNumber)
                    .distinct()
                    .map(NhsNumber::of)
                    .toList();
            java.util.Set<String> gone = new java.util.HashSet<>(jdbc.sql("""
                            select u.n from unnest(:numbers::char(10)[]) u (n)
                             where not exists (select 1 from records.record r where r.nhs_number = u.n)
                            """)
                    .param("numbers", numbers.stream().map(NhsNumber::value).toArray(String[]::new))
                    .query(String.class)
                    .list());
            events.publishEvent(new RecordsPurged(gone));
        }
        audit.recordAll(purged.stream()
                .map(p -> new AuditEntry(
                        "system:purge",
                        "SYSTEM",
                        p.laOds(),
                        "RECORD_PURGED",
                        NhsNumber.of(p.nhsNumber()),
                        "record:" + p.id(),
                        "SUCCESS",
                        null,
                        "plan_type=" + p.planType()))
                .toList());
        return purged.size();
    }
}
