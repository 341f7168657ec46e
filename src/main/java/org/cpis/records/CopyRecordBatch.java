package org.cpis.records;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
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
import org.postgresql.copy.CopyManager;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Loads an upload's rows into {@code records.record} at close to the cost of a bare {@code COPY}. The LA's existing
 * keys and row hashes are read first; then, row by row, a plan new to the LA is streamed by {@code COPY} straight into
 * the table, a plan re-sent unchanged (the usual daily case) writes nothing, and a changed plan is set aside and
 * applied at the end with one set-based {@code UPDATE}. Everything runs in the caller's transaction, under the
 * caller's per-LA lock, so the snapshot of existing keys stays true.
 */
class CopyRecordBatch implements RecordBatch {

    private static final int FLUSH_CHARS = 1 << 16;
    private static final int NEW = 0;
    private static final int CHANGED = 1;
    private static final int UNCHANGED = 2;

    private final Connection connection;
    private final JdbcClient jdbc;
    private final OdsCode localAuthority;
    private final UUID uploadId;
    private final Timestamp now;
    private final String nowText;
    private final CopyIn copyNew;
    private final LongLongMap existing = new LongLongMap(); // key -> stored row hash (0 when unknown)
    private final LongLongMap seen = new LongLongMap(); // key -> first line * 4 + path
    private final List<Long> duplicateKeys = new ArrayList<>();
    private final List<Integer> duplicateLines = new ArrayList<>();
    private final List<RecordRow> mothers = new ArrayList<>();
    private final StringBuilder row = new StringBuilder(256);
    private final StringBuilder newRows = new StringBuilder(FLUSH_CHARS + 1024);
    private Path changedFile;
    private BufferedWriter changedRows;
    private int changedCount;

    CopyRecordBatch(Connection connection, JdbcClient jdbc, OdsCode localAuthority, UUID uploadId, Timestamp now) {
        this.connection = connection;
        this.jdbc = jdbc;
        this.localAuthority = localAuthority;
        this.uploadId = uploadId;
        this.now = now;
        this.nowText = now.toInstant().toString();
        try (Statement statement = connection.createStatement()) {
            statement.setFetchSize(10_000);
            try (ResultSet rs =
                    statement.executeQuery("select nhs_number, plan_type, row_hash from records.record where la_ods = '"
                            + localAuthority.value() + "'")) {
                while (rs.next()) {
                    long hash = rs.getLong(3);
                    existing.put(key(rs.getString(1), PlanType.valueOf(rs.getString(2))), rs.wasNull() ? 0 : hash);
                }
            }
            this.copyNew = copyManager().copyIn("""
                    copy records.record (nhs_number, plan_type, local_id, family_name, given_names, date_of_birth,
                                         start_date, end_date, delete_date, expected_delivery_date, mother_nhs_number,
                                         allocated_worker, visible_until, row_hash, la_ods, last_upload_id,
                                         created_at, updated_at)
                    from stdin (format csv)""");
        } catch (SQLException e) {
            throw new IllegalStateException("could not start the records load", e);
        }
    }

    /** NHS number (10 digits) and plan type as one non-negative long. */
    private static long key(String nhsNumber, PlanType type) {
        return Long.parseLong(nhsNumber) * 4 + type.ordinal();
    }

    @Override
    public void add(RecordRow r) {
        long key = key(r.nhsNumber(), r.planType());
        long first = seen.get(key);
        if (first != LongLongMap.ABSENT) {
            // Every line of a key sent twice is rejected: it cannot be known which one the LA meant.
            if (first >= 0) {
                duplicateKeys.add(key);
                duplicateLines.add((int) (first >> 2));
                seen.put(key, -1 - (first & 3)); // keep the path, mark as already reported
            }
            duplicateLines.add(r.line());
            return;
        }
        csv(r);
        long hash = fnv(row) | 1; // never 0, which stands for "hash unknown"
        long stored = existing.get(key);
        int path = stored == LongLongMap.ABSENT ? NEW : stored == hash ? UNCHANGED : CHANGED;
        seen.put(key, ((long) r.line() << 2) | path);
        if (r.motherNhsNumber() != null) {
            mothers.add(r);
        }
        row.append(hash).append(',');
        if (path == NEW) {
            newRows.append(row)
                    .append(localAuthority.value())
                    .append(',')
                    .append(uploadId)
                    .append(',')
                    .append(nowText)
                    .append(',')
                    .append(nowText)
                    .append('\n');
            if (newRows.length() >= FLUSH_CHARS) {
                flushNew();
            }
        } else if (path == CHANGED) {
            writeChanged();
        }
    }

    /** The row's data as COPY CSV, ending with a comma: the columns shared by both paths. */
    private void csv(RecordRow r) {
        row.setLength(0);
        row.append(r.nhsNumber()).append(',');
        row.append(r.planType().name()).append(',');
        text(r.localId());
        text(r.familyName());
        text(r.givenNames());
        date(r.dateOfBirth());
        date(r.startDate());
        date(r.endDate());
        date(r.deleteDate());
        date(r.expectedDeliveryDate());
        if (r.motherNhsNumber() != null) {
            row.append(r.motherNhsNumber());
        }
        row.append(',');
        text(r.allocatedWorker());
        row.append(RecordRules.visibleUntil(
                        r.planType(), r.dateOfBirth(), r.endDate(), r.expectedDeliveryDate(), r.deleteDate()))
                .append(',');
    }

    private void text(String value) {
        if (value != null) {
            row.append('"');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '"') {
                    row.append('"');
                }
                row.append(c);
            }
            row.append('"');
        }
        row.append(',');
    }

    private void date(LocalDate value) {
        if (value != null) {
            row.append(value);
        }
        row.append(',');
    }

    private static long fnv(CharSequence s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h & Long.MAX_VALUE;
    }

    private void flushNew() {
        if (newRows.isEmpty()) {
            return;
        }
        byte[] bytes = newRows.toString().getBytes(StandardCharsets.UTF_8);
        try {
            copyNew.writeToCopy(bytes, 0, bytes.length);
        } catch (SQLException e) {
            throw new IllegalStateException("records load failed", e);
        }
        newRows.setLength(0);
    }

    // Changed rows wait in a temporary file (one COPY at a time per connection), never all in memory.
    private void writeChanged() {
        try {
            if (changedRows == null) {
                changedFile = Files.createTempFile("cpis-changed-", ".csv");
                changedRows = Files.newBufferedWriter(changedFile, StandardCharsets.UTF_8);
            }
            row.setLength(row.length() - 1); // the hash is the last column here
            changedRows.append(row).append('\n');
            changedCount++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (copyNew.isActive()) {
            try {
                copyNew.cancelCopy();
            } catch (SQLException e) {
                // The transaction is rolling back anyway; the pool discards a connection left broken.
            }
        }
        deleteChangedFile();
    }

    private void deleteChangedFile() {
        try {
            if (changedRows != null) {
                changedRows.close();
                changedRows = null;
            }
            if (changedFile != null) {
                Files.deleteIfExists(changedFile);
                changedFile = null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<Integer> apply() {
        flushNew();
        try {
            copyNew.endCopy();
        } catch (SQLException e) {
            throw new IllegalStateException("records load failed", e);
        }
        List<String> duplicatedNew = new ArrayList<>();
        List<String> duplicatedChanged = new ArrayList<>();
        for (long key : duplicateKeys) {
            long path = -1 - seen.get(key);
            String pair = String.format("%010d", key / 4) + PlanType.values()[(int) (key % 4)].name();
            if (path == NEW) {
                duplicatedNew.add(pair);
            } else if (path == CHANGED) {
                duplicatedChanged.add(pair);
            }
        }
        if (changedCount > 0) {
            applyChanged(duplicatedChanged);
        }
        if (!duplicatedNew.isEmpty()) {
            // Take back the first line of each duplicated new plan: nothing of a duplicated key is applied.
            jdbc.sql("""
                    delete from records.record
                     where la_ods = :la and last_upload_id = :upload and nhs_number || plan_type = any(:keys)
                    """)
                    .param("la", localAuthority.value())
                    .param("upload", uploadId)
                    .param("keys", duplicatedNew.toArray(String[]::new))
                    .update();
        }
        mothers.removeIf(m -> seen.get(key(m.nhsNumber(), m.planType())) < 0);
        if (!mothers.isEmpty()) {
            endMothersPlans();
        }
        deleteChangedFile();
        return duplicateLines.stream().sorted().toList();
    }

    private void applyChanged(List<String> duplicated) {
        try (Statement statement = connection.createStatement()) {
            changedRows.close();
            changedRows = null;
            statement.execute("""
                    create temp table record_staging (
                        nhs_number char(10) not null, plan_type varchar(4) not null, local_id varchar(50),
                        family_name varchar(100) not null, given_names varchar(100) not null,
                        date_of_birth date not null, start_date date not null, end_date date, delete_date date,
                        expected_delivery_date date, mother_nhs_number char(10), allocated_worker varchar(254),
                        visible_until date not null, row_hash bigint not null
                    ) on commit drop
                    """);
            try (Reader reader = Files.newBufferedReader(changedFile, StandardCharsets.UTF_8)) {
                copyManager().copyIn("copy record_staging from stdin (format csv)", reader);
            }
            if (!duplicated.isEmpty()) {
                jdbc.sql("delete from record_staging where nhs_number || plan_type = any(:keys)")
                        .param("keys", duplicated.toArray(String[]::new))
                        .update();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("records load failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        jdbc.sql("""
                update records.record r set
                    local_id = s.local_id,
                    family_name = s.family_name,
                    given_names = s.given_names,
                    date_of_birth = s.date_of_birth,
                    start_date = s.start_date,
                    -- A UCPP ended by the baby's own plan stays ended, even if the case system still sends it open.
                    end_date = case when r.ended_by_child_nhs_number is not null
                                     and (s.end_date is null or s.end_date > r.end_date)
                                    then r.end_date else s.end_date end,
                    visible_until = case when r.ended_by_child_nhs_number is not null
                                         then least(s.visible_until, r.visible_until)
                                         else s.visible_until end,
                    delete_date = s.delete_date,
                    expected_delivery_date = s.expected_delivery_date,
                    mother_nhs_number = s.mother_nhs_number,
                    allocated_worker = s.allocated_worker,
                    row_hash = s.row_hash,
                    last_upload_id = :upload,
                    updated_at = :now
                  from record_staging s
                 where r.nhs_number = s.nhs_number and r.la_ods = :la and r.plan_type = s.plan_type
                """)
                .param("la", localAuthority.value())
                .param("upload", uploadId)
                .param("now", now)
                .update();
    }

    /**
     * A newborn's CPP or LAC row naming the mother ends the mother's UCPP (held by the same LA) on the child's start
     * date, and the two are linked both ways.
     */
    private void endMothersPlans() {
        for (RecordRow child : mothers) {
            if (child.planType() == PlanType.UCPP) {
                continue;
            }
            record Mother(
                    long id,
                    LocalDate dateOfBirth,
                    LocalDate endDate,
                    LocalDate expectedDeliveryDate,
                    LocalDate deleteDate) {}
            jdbc.sql("""
                            select id, date_of_birth, end_date, expected_delivery_date, delete_date
                              from records.record
                             where nhs_number = :mother and la_ods = :la and plan_type = 'UCPP'
                            """)
                    .param("mother", child.motherNhsNumber())
                    .param("la", localAuthority.value())
                    .query(Mother.class)
                    .optional()
                    .ifPresent(m -> {
                        LocalDate end = m.endDate() == null || child.startDate().isBefore(m.endDate())
                                ? child.startDate()
                                : m.endDate();
                        jdbc.sql("""
                                update records.record set end_date = :end, visible_until = :visible,
                                                          ended_by_child_nhs_number = :child, updated_at = :now
                                 where id = :id
                                """)
                                .param("end", end)
                                .param(
                                        "visible",
                                        RecordRules.visibleUntil(
                                                PlanType.UCPP,
                                                m.dateOfBirth(),
                                                end,
                                                m.expectedDeliveryDate(),
                                                m.deleteDate()))
                                .param("child", child.nhsNumber())
                                .param("now", now)
                                .param("id", m.id())
                                .update();
                    });
        }
    }

    private CopyManager copyManager() throws SQLException {
        return connection.unwrap(PGConnection.class).getCopyAPI();
    }
}
