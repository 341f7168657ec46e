package org.cpis.records;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.cpis.audit.Audit;
import org.cpis.audit.AuditEntry;
import org.cpis.identity.Actor;
import org.cpis.shared.EnglandDate;
import org.cpis.shared.NhsNumber;
import org.cpis.shared.web.TraceIdFilter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class ChildRecordService implements ChildRecords {

    private static final String COLUMNS = """
            select id, nhs_number, local_id, family_name, given_names, date_of_birth, plan_type, start_date, end_date,
                   expected_delivery_date, allocated_worker, visible_until from records.record""";

    private final JdbcClient jdbc;
    private final Audit audit;
    private final Clock clock;

    ChildRecordService(JdbcClient jdbc, Audit audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public List<RecordPage.Item> ofChild(Actor actor, String nhsNumber) {
        return jdbc.sql(COLUMNS + " where nhs_number = :nhs and la_ods = :la order by plan_type")
                .param("nhs", nhsNumber)
                .param("la", actor.organisation().value())
                .query((rs, n) -> RecordService.pageItem(rs, EnglandDate.today(clock)))
                .list();
    }

    @Override
    @Transactional
    public Optional<RecordPage.Item> open(Actor actor, long id) {
        Optional<RecordPage.Item> found = jdbc.sql(COLUMNS + " where id = :id and la_ods = :la")
                .param("id", id)
                .param("la", actor.organisation().value())
                .query((rs, n) -> RecordService.pageItem(rs, EnglandDate.today(clock)))
                .optional();
        found.ifPresent(r -> audit.record(new AuditEntry(
                actor.id(),
                actor.role().name(),
                actor.organisation().value(),
                "RECORD_VIEWED",
                NhsNumber.of(r.nhsNumber()),
                String.valueOf(r.id()),
                "FOUND",
                TraceIdFilter.current(),
                null)));
        return found;
    }
}
