package org.cpis.records;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.cpis.shared.OdsCode;
import org.cpis.shared.PlanType;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Streams rows with PostgreSQL {@code COPY} into a temporary staging table, then merges them into
 * {@code records.record} with one set-based upsert: the cost of a load is close to the cost of the COPY itself.
 */
class CopyRecordBatch implements RecordBatch {

    private static final int FLUSH_BYTES = 1 << 16;

    private final Connection connection;
    private final JdbcClient jdbc;
    private final OdsCode localAuthority;
    private final UUID uploadId;
    private final Timestamp now;
    private final CopyIn copy;
    private final StringBuilder buffer = new StringBuilder(FLUSH_BYTES + 1024);
    private final LongSet keys = new LongSet();
    private boolean duplicates;
    private boolean mothers;

    CopyRecordBatch(Connection connection, JdbcClient jdbc, OdsCode localAuthority, UUID uploadId, Timestamp now) {
        this.connection = connection;
        this.jdbc = jdbc;
        this.localAuthority = localAuthority;
        this.uploadId = uploadId;
        this.now = now;
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    create temp table record_staging (
                        line int not null, nhs_number char(10) not null, plan_type varchar(4) not null,
                        local_id varchar(50), family_name varchar(100) not null, given_names varchar(100) not null,
                        date_of_birth date not null, start_date date not null, end_date date, delete_date date,
                        expected_delivery_date date, mother_nhs_number char(10), allocated_worker varchar(254),
                        visible_until date not null
                    ) on commit drop
                    """);
            this.copy = connection
                    .unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn("copy record_staging from stdin (format csv)");
        } catch (SQLException e) {
            throw new IllegalStateException("could not start the records load", e);
        }
    }

    @Override
    public void add(RecordRow row) {
        // NHS number (10 digits) and plan type make a unique non-negative long key.
        long key = Long.parseLong(row.nhsNumber()) * 4 + row.planType().ordinal();
        if (!keys.add(key)) {
            duplicates = true;
        }
        if (row.motherNhsNumber() != null) {
            mothers = true;
        }
        LocalDate visibleUntil = RecordRules.visibleUntil(
                row.planType(), row.dateOfBirth(), row.endDate(), row.expectedDeliveryDate(), row.deleteDate());
        buffer.append(row.line()).append(',');
        buffer.append(row.nhsNumber()).append(',');
        buffer.append(row.planType().name()).append(',');
        text(row.localId());
        text(row.familyName());
        text(row.givenNames());
        date(row.dateOfBirth());
        date(row.startDate());
        date(row.endDate());
        date(row.deleteDate());
        date(row.expectedDeliveryDate());
        plain(row.motherNhsNumber());
        text(row.allocatedWorker());
        buffer.append(visibleUntil).append('\n');
        if (buffer.length() >= FLUSH_BYTES) {
            flush();
        }
    }

    private void text(String value) {
        if (value != null) {
            buffer.append('"');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '"') {
                    buffer.append('"');
                }
                buffer.append(c);
            }
            buffer.append('"');
        }
        buffer.append(',');
    }

    private void plain(String value) {
        if (value != null) {
            buffer.append(value);
        }
        buffer.append(',');
    }

    private void date(LocalDate value) {
        if (value != null) {
            buffer.append(value);
        }
        buffer.append(',');
    }

    private void flush() {
        if (buffer.isEmpty()) {
            return;
        }
        byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
        try {
            copy.writeToCopy(bytes, 0, bytes.length);
        } catch (SQLException e) {
            throw new IllegalStateException("records load failed", e);
        }
        buffer.setLength(0);
    }

    @Override
    public void close() {
        if (copy.isActive()) {
            try {
                copy.cancelCopy();
            } catch (SQLException e) {
                // The transaction is rolling back anyway; the pool discards a connection left broken.
            }
        }
    }

    @Override
    public List<Integer> apply() {
        flush();
        try {
            copy.endCopy();
        } catch (SQLException e) {
            throw new IllegalStateException("records load failed", e);
        }
        List<Integer> duplicateLines = duplicates ? removeDuplicates() : List.of();
        jdbc.sql("""
                insert into records.record as r
                    (la_ods, nhs_number, plan_type, local_id, family_name, given_names, date_of_birth, start_date,
                     end_date, delete_date, expected_delivery_date, mother_nhs_number, allocated_worker, visible_until,
                     last_upload_id, created_at, updated_at)
                select :la, nhs_number, plan_type, local_id, family_name, given_names, date_of_birth, start_date,
                       end_date, delete_date, expected_delivery_date, mother_nhs_number, allocated_worker, visible_until,
                       :upload, :now, :now
                  from record_staging
                 -- In index order: the unique index is then filled page by page instead of at random.
                 order by nhs_number, plan_type
                on conflict (la_ods, nhs_number, plan_type) do update set
                    local_id = excluded.local_id,
                    family_name = excluded.family_name,
                    given_names = excluded.given_names,
                    date_of_birth = excluded.date_of_birth,
                    start_date = excluded.start_date,
                    -- A UCPP ended by the baby's own plan stays ended, even if the case system still sends it open.
                    end_date = case when r.ended_by_child_nhs_number is not null
                                     and (excluded.end_date is null or excluded.end_date > r.end_date)
                                    then r.end_date else excluded.end_date end,
                    visible_until = case when r.ended_by_child_nhs_number is not null
                                         then least(excluded.visible_until, r.visible_until)
                                         else excluded.visible_until end,
                    delete_date = excluded.delete_date,
                    expected_delivery_date = excluded.expected_delivery_date,
                    mother_nhs_number = excluded.mother_nhs_number,
                    allocated_worker = excluded.allocated_worker,
                    last_upload_id = excluded.last_upload_id,
                    updated_at = excluded.updated_at
                """)
                .param("la", localAuthority.value())
                .param("upload", uploadId)
                .param("now", now)
                .update();
        if (mothers) {
            endMothersPlans();
        }
        return duplicateLines;
    }

    private List<Integer> removeDuplicates() {
        return jdbc.sql("""
                        with duplicate as (
                            select nhs_number, plan_type from record_staging group by 1, 2 having count(*) > 1)
                        delete from record_staging s using duplicate d
                         where s.nhs_number = d.nhs_number and s.plan_type = d.plan_type
                        returning s.line
                        """).query(Integer.class).list().stream().sorted().toList();
    }

    /**
     * A newborn's CPP or LAC row naming the mother ends the mother's UCPP (held by the same LA) on the child's start
     * date, and the two are linked both ways.
     */
    private void endMothersPlans() {
        record Mother(
                long id,
                LocalDate dateOfBirth,
                LocalDate endDate,
                LocalDate expectedDeliveryDate,
                LocalDate deleteDate,
                LocalDate childStart,
                String childNhsNumber) {}
        List<Mother> mothers = new ArrayList<>(jdbc.sql("""
                        select r.id, r.date_of_birth, r.end_date, r.expected_delivery_date, r.delete_date,
                               s.start_date as child_start, s.nhs_number as child_nhs_number
                          from record_staging s
                          join records.record r
                            on r.la_ods = :la and r.plan_type = 'UCPP' and r.nhs_number = s.mother_nhs_number
                         where s.mother_nhs_number is not null and s.plan_type in ('CPP', 'LAC')
                        """)
                .param("la", localAuthority.value())
                .query(Mother.class)
                .list());
        for (Mother m : mothers) {
            LocalDate end = m.endDate() == null || m.childStart().isBefore(m.endDate()) ? m.childStart() : m.endDate();
            LocalDate visibleUntil = RecordRules.visibleUntil(
                    PlanType.UCPP, m.dateOfBirth(), end, m.expectedDeliveryDate(), m.deleteDate());
            jdbc.sql("""
                    update records.record set end_date = :end, visible_until = :visible,
                                              ended_by_child_nhs_number = :child, updated_at = :now
                     where id = :id
                    """)
                    .param("end", end)
                    .param("visible", visibleUntil)
                    .param("child", m.childNhsNumber())
                    .param("now", now)
                    .param("id", m.id())
                    .update();
        }
    }
}
