package org.cpis.records;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
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
 * keys and row hashes are read first; then, row by row, a plan new to the LA is streamed by binary {@code COPY}
 * straight into the table, a plan re-sent unchanged (the usual daily case) writes nothing, and a changed plan is set
 * aside and applied at the end with one set-based {@code UPDATE}. Everything runs in the caller's transaction, under
 * the caller's per-LA lock, so the snapshot of existing keys stays true.
 */
class CopyRecordBatch implements RecordBatch {

    private static final int FLUSH_BYTES = 1 << 16;
    private static final int NEW = 0;
    private static final int CHANGED = 1;
    private static final int UNCHANGED = 2;
    // record_key, the 13 columns of the row's data, row_hash, la_ods, last_upload_id, created_at, updated_at
    private static final int NEW_FIELDS = 19;
    // record_key, the 13 columns of the row's data, row_hash
    private static final int CHANGED_FIELDS = 15;

    private final Connection connection;
    private final JdbcClient jdbc;
    private final OdsCode localAuthority;
    private final int holder;
    private final UUID uploadId;
    private final Timestamp now;
    private final CopyIn copyNew;
    private final LongLongMap existing = new LongLongMap(); // key -> stored row hash (0 when unknown)
    private final LongLongMap seen = new LongLongMap(); // key -> first line * 4 + path
    private final List<Long> duplicateKeys = new ArrayList<>();
    private final List<Integer> duplicateLines = new ArrayList<>();
    private final List<RecordRow> mothers = new ArrayList<>();
    private final CopyBinary row = new CopyBinary(512);
    private final SortedCopy newRows;
    private final CopyBinary changed = new CopyBinary(1024);
    private final byte[] rowTail;
    private Path changedFile;
    private OutputStream changedRows;
    private int changedCount;

    CopyRecordBatch(Connection connection, JdbcClient jdbc, OdsCode localAuthority, UUID uploadId, Timestamp now) {
        this.connection = connection;
        this.jdbc = jdbc;
        this.localAuthority = localAuthority;
        this.uploadId = uploadId;
        this.now = now;
        jdbc.sql("insert into records.holder (la_ods) values (:la) on conflict do nothing")
                .param("la", localAuthority.value())
                .update();
        this.holder = jdbc.sql("select number from records.holder where la_ods = :la")
                .param("la", localAuthority.value())
                .query(Integer.class)
                .single();
        // The same last four columns end every new row.
        CopyBinary tail = new CopyBinary(64);
        tail.text(localAuthority.value());
        tail.uuid(uploadId);
        tail.timestamp(now.toInstant());
        tail.timestamp(now.toInstant());
        this.rowTail = Arrays.copyOf(tail.array(), tail.size());
        try (Statement statement = connection.createStatement()) {
            statement.setFetchSize(10_000);
            try (ResultSet rs =
                    statement.executeQuery("select record_key, row_hash from records.record where la_ods = '"
                            + localAuthority.value() + "'")) {
                while (rs.next()) {
                    long hash = rs.getLong(2);
                    existing.put(rs.getLong(1), rs.wasNull() ? 0 : hash);
                }
            }
            this.copyNew = copyManager().copyIn("""
                    copy records.record (record_key, nhs_number, plan_type, local_id, family_name, given_names,
                                         date_of_birth, start_date, end_date, delete_date, expected_delivery_date,
                                         mother_nhs_number, allocated_worker, visible_until, row_hash, la_ods,
                                         last_upload_id, created_at, updated_at)
                    from stdin (format binary)""");
            copyNew.writeToCopy(CopyBinary.HEADER, 0, CopyBinary.HEADER.length);
            this.newRows = new SortedCopy(copyNew);
        } catch (SQLException e) {
            throw new IllegalStateException("could not start the records load", e);
        }
    }

    @Override
    public void add(RecordRow r) {
        long key = RecordKeys.of(r.nhsNumber(), holder, r.planType());
        encode(r);
        long hash = row.hash();
        long stored = existing.get(key);
        int path = stored == LongLongMap.ABSENT ? NEW : stored == hash ? UNCHANGED : CHANGED;
        long first = seen.putIfAbsent(key, ((long) r.line() << 2) | path);
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
        if (r.motherNhsNumber() != null) {
            mothers.add(r);
        }
        if (path == NEW) {
            CopyBinary out = newRows.startRow(RecordKeys.withinHolder(key), NEW_FIELDS);
            out.bigint(key);
            out.append(row);
            out.bigint(hash);
            out.append(rowTail);
        } else if (path == CHANGED) {
            writeChanged(key, hash);
        }
    }

    /** The row's data: the columns both paths write, and what its hash is taken over. */
    private void encode(RecordRow r) {
        row.clear();
        row.text(r.nhsNumber());
        row.text(r.planType().name());
        row.text(r.localId());
        row.text(r.familyName());
        row.text(r.givenNames());
        row.date(r.dateOfBirth());
        row.date(r.startDate());
        row.date(r.endDate());
        row.date(r.deleteDate());
        row.date(r.expectedDeliveryDate());
        row.text(r.motherNhsNumber());
        row.text(r.allocatedWorker());
        row.date(RecordRules.visibleUntil(
                r.planType(), r.dateOfBirth(), r.endDate(), r.expectedDeliveryDate(), r.deleteDate()));
    }

    // Changed rows wait in a temporary file (one COPY at a time per connection), never all in memory.
    private void writeChanged(long key, long hash) {
        try {
            if (changedRows == null) {
                changedFile = Files.createTempFile("cpis-changed-", ".copy");
                changedRows = new BufferedOutputStream(Files.newOutputStream(changedFile), FLUSH_BYTES);
                changedRows.write(CopyBinary.HEADER);
            }
            changed.clear();
            changed.startRow(CHANGED_FIELDS);
            changed.bigint(key);
            changed.append(row);
            changed.bigint(hash);
            changedRows.write(changed.array(), 0, changed.size());
            changedCount++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        newRows.close();
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
        newRows.finish();
        try {
            copyNew.writeToCopy(CopyBinary.TRAILER, 0, CopyBinary.TRAILER.length);
            copyNew.endCopy();
        } catch (SQLException e) {
            throw new IllegalStateException("records load failed", e);
        }
        List<Long> duplicatedNew = new ArrayList<>();
        List<Long> duplicatedChanged = new ArrayList<>();
        for (long key : duplicateKeys) {
            long path = -1 - seen.get(key);
            if (path == NEW) {
                duplicatedNew.add(key);
            } else if (path == CHANGED) {
                duplicatedChanged.add(key);
            }
        }
        if (changedCount > 0) {
            applyChanged(duplicatedChanged);
        }
        if (!duplicatedNew.isEmpty()) {
            // Take back the first line of each duplicated new plan: nothing of a duplicated key is applied.
            jdbc.sql("delete from records.record where record_key = any(:keys) and last_upload_id = :upload")
                    .param("keys", duplicatedNew.toArray(Long[]::new))
                    .param("upload", uploadId)
                    .update();
        }
        mothers.removeIf(m -> seen.get(RecordKeys.of(m.nhsNumber(), holder, m.planType())) < 0);
        if (!mothers.isEmpty()) {
            endMothersPlans();
        }
        deleteChangedFile();
        return duplicateLines.stream().sorted().toList();
    }

    private void applyChanged(List<Long> duplicated) {
        try (Statement statement = connection.createStatement()) {
            changedRows.write(CopyBinary.TRAILER);
            changedRows.close();
            changedRows = null;
            statement.execute("""
                    create temp table record_staging (
                        record_key bigint not null, nhs_number char(10) not null, plan_type varchar(4) not null,
                        local_id varchar(50), family_name varchar(100) not null, given_names varchar(100) not null,
                        date_of_birth date not null, start_date date not null, end_date date, delete_date date,
                        expected_delivery_date date, mother_nhs_number char(10), allocated_worker varchar(254),
                        visible_until date not null, row_hash bigint not null
                    ) on commit drop
                    """);
            try (InputStream in = new BufferedInputStream(Files.newInputStream(changedFile), FLUSH_BYTES)) {
                copyManager().copyIn("copy record_staging from stdin (format binary)", in);
            }
            if (!duplicated.isEmpty()) {
                jdbc.sql("delete from record_staging where record_key = any(:keys)")
                        .param("keys", duplicated.toArray(Long[]::new))
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
                 where r.record_key = s.record_key
                """).param("upload", uploadId).param("now", now).update();
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
            long motherKey = RecordKeys.of(child.motherNhsNumber(), holder, PlanType.UCPP);
            record Mother(
                    LocalDate dateOfBirth, LocalDate endDate, LocalDate expectedDeliveryDate, LocalDate deleteDate) {}
            jdbc.sql("""
                            select date_of_birth, end_date, expected_delivery_date, delete_date
                              from records.record
                             where record_key = :key
                            """).param("key", motherKey).query(Mother.class).optional().ifPresent(m -> {
                LocalDate end = m.endDate() == null || child.startDate().isBefore(m.endDate())
                        ? child.startDate()
                        : m.endDate();
                jdbc.sql("""
                                update records.record set end_date = :end, visible_until = :visible,
                                                          ended_by_child_nhs_number = :child, updated_at = :now
                                 where record_key = :key
                                """)
                        .param("end", end)
                        .param(
                                "visible",
                                RecordRules.visibleUntil(
                                        PlanType.UCPP, m.dateOfBirth(), end, m.expectedDeliveryDate(), m.deleteDate()))
                        .param("child", child.nhsNumber())
                        .param("now", now)
                        .param("key", motherKey)
                        .update();
            });
        }
    }

    private CopyManager copyManager() throws SQLException {
        return connection.unwrap(PGConnection.class).getCopyAPI();
    }
}
