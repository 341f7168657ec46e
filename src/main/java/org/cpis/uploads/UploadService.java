package org.cpis.uploads;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.cpis.audit.Audit;
import org.cpis.audit.AuditEntry;
import org.cpis.records.RecordBatch;
import org.cpis.records.Records;
import org.cpis.shared.EnglandDate;
import org.cpis.shared.OdsCode;
import org.cpis.shared.web.TraceIdFilter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

@Service
class UploadService implements Uploads {

    private final JdbcClient jdbc;
    private final Records records;
    private final Audit audit;
    private final Clock clock;
    private final UploadsProperties properties;

    UploadService(JdbcClient jdbc, Records records, Audit audit, Clock clock, UploadsProperties properties) {
        this.jdbc = jdbc;
        this.records = records;
        this.audit = audit;
        this.clock = clock;
        this.properties = properties;
    }

    @Override
    @Transactional
    public Acknowledgement upload(UploadCommand command) {
        OdsCode la = command.localAuthority();
        // One upload at a time per LA, so sequence checks and loads cannot interleave.
        jdbc.sql("select pg_advisory_xact_lock(hashtext('cpis-upload:' || :la))")
                .param("la", la.value())
                .query()
                .listOfRows();
        long last = jdbc.sql("select coalesce(max(sequence), 0) from uploads.upload where la_ods = :la")
                .param("la", la.value())
                .query(Long.class)
                .single();
        long sequence;
        if (command.sequence() == null) {
            sequence = last + 1;
        } else {
            Optional<Acknowledgement> replay = bySequence(la, command.sequence());
            if (replay.isPresent()) {
                return replay.get();
            }
            if (command.sequence() < last) {
                throw new UploadRejectedException(
                        UploadRejectedException.Kind.SEQUENCE_TOO_LOW,
                        "Upload-Sequence " + command.sequence() + " is lower than the last accepted, " + last);
            }
            sequence = command.sequence();
        }

        UUID uploadId = UUID.randomUUID();
        Instant receivedAt = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
        LineOutcomes outcomes = new LineOutcomes();
        MalformedProblem problem = load(la, uploadId, command.body(), outcomes);

        int received = problem == null ? outcomes.size() : 0;
        int rejected = problem == null ? outcomes.rejected() : 0;
        int loaded = received - rejected;
        UploadStatus status = problem != null
                ? UploadStatus.MALFORMED
                : rejected == 0
                        ? UploadStatus.ALL_LOADED
                        : loaded == 0 ? UploadStatus.NONE_LOADED : UploadStatus.PARTIALLY_LOADED;
        byte[] recordsGz = problem == null ? outcomes.gzippedJson() : new LineOutcomes().gzippedJson();
        Acknowledgement ack = new Acknowledgement(
                uploadId, sequence, status, problem, received, loaded, rejected, receivedAt, recordsGz);
        store(la, command, ack);
        if (problem == null) {
            storeRejections(uploadId, outcomes);
        }
        audit.record(new AuditEntry(
                command.submittedBy(),
                command.submitterRole(),
                la.value(),
                "UPLOAD",
                null,
                "upload:" + uploadId,
                status.name(),
                TraceIdFilter.current(),
                "sequence=" + sequence + " received=" + received + " loaded=" + loaded + " rejected=" + rejected));
        return ack;
    }

    /** Reads, validates and loads the file; returns why it is malformed, or null. */
    private MalformedProblem load(OdsCode la, UUID uploadId, InputStream body, LineOutcomes outcomes) {
        TransactionStatus transaction = TransactionAspectSupport.currentTransactionStatus();
        // A file found unreadable halfway has already streamed rows into the load: roll back to here, keep the
        // acknowledgement.
        Object beforeLoad = transaction.createSavepoint();
        LocalDate today = EnglandDate.today(clock);
        InputStream limited =
                new LimitedInputStream(body, properties.maxFileSize().toBytes());
        try (Reader reader = withoutBom(new InputStreamReader(limited, StandardCharsets.UTF_8));
                CsvReader<CsvRecord> csv = CsvReader.builder()
                        // A line with the wrong number of fields is that line's problem, not the file's.
                        .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
                        .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                        .allowUnclosedQuote(false)
                        .ofCsvRecord(reader)) {
            Iterator<CsvRecord> lines = csv.iterator();
            if (!lines.hasNext()) {
                return MalformedProblem.EMPTY_FILE;
            }
            List<String> header = lines.next().getFields();
            int[] index = new int[UploadColumn.values().length];
            MalformedProblem headerProblem = readHeader(header, index);
            if (headerProblem != null) {
                return headerProblem;
            }
            RowValidator validator = new RowValidator(index, header.size(), today);
            try (RecordBatch batch = records.startBatch(la, uploadId)) {
                int rows = 0;
                while (lines.hasNext()) {
                    CsvRecord record = lines.next();
                    if (++rows > properties.maxRows()) {
                        throw new UploadRejectedException(
                                UploadRejectedException.Kind.TOO_LARGE,
                                "The file has more than " + properties.maxRows()
                                        + " lines; split it into several uploads");
                    }
                    int line = (int) record.getStartingLineNumber();
                    String[] fields = new String[record.getFieldCount()];
                    for (int i = 0; i < fields.length; i++) {
                        fields[i] = record.getField(i);
                    }
                    RowValidator.Result result = validator.validate(line, fields);
                    if (result.row() != null) {
                        batch.add(result.row());
                        outcomes.loaded(line);
                    } else {
                        outcomes.rejected(
                                line,
                                result.problem().reason(),
                                result.problem().column());
                    }
                }
                outcomes.duplicates(batch.apply());
            }
            return null;
        } catch (CsvParseException e) {
            // The batch was closed (its COPY cancelled) before this runs; undo whatever it streamed.
            transaction.rollbackToSavepoint(beforeLoad);
            return MalformedProblem.NOT_CSV;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MalformedProblem readHeader(List<String> header, int[] index) {
        Arrays.fill(index, -1);
        for (int i = 0; i < header.size(); i++) {
            Optional<UploadColumn> column = UploadColumn.fromHeader(header.get(i));
            if (column.isEmpty()) {
                return MalformedProblem.UNKNOWN_COLUMN;
            }
            if (index[column.get().ordinal()] >= 0) {
                return MalformedProblem.DUPLICATE_COLUMN;
            }
            index[column.get().ordinal()] = i;
        }
        for (UploadColumn column : UploadColumn.values()) {
            if (column.requiredInHeader() && index[column.ordinal()] < 0) {
                return MalformedProblem.MISSING_COLUMN;
            }
        }
        return null;
    }

    private static Reader withoutBom(Reader reader) throws IOException {
        PushbackReader pushback = new PushbackReader(reader, 1);
        int first = pushback.read();
        if (first != -1 && first != '\uFEFF') {
            pushback.unread(first);
        }
        return pushback;
    }

    private void store(OdsCode la, UploadCommand command, Acknowledgement ack) {
        jdbc.sql("""
                insert into uploads.upload (id, la_ods, sequence, status, problem, received, loaded, rejected,
                                            records_gz, submitted_by, channel, received_at)
                values (:id, :la, :sequence, :status, :problem, :received, :loaded, :rejected, :records, :by,
                        :channel, :at)
                """)
                .param("id", ack.uploadId())
                .param("la", la.value())
                .param("sequence", ack.sequence())
                .param("status", ack.status().name())
                .param("problem", ack.problem() == null ? null : ack.problem().name())
                .param("received", ack.received())
                .param("loaded", ack.loaded())
                .param("rejected", ack.rejected())
                .param("records", ack.recordsGz())
                .param("by", command.submittedBy())
                .param("channel", command.channel().name())
                .param("at", Timestamp.from(ack.receivedAt()))
                .update();
    }

    private void storeRejections(UUID uploadId, LineOutcomes outcomes) {
        List<Object[]> batch = new ArrayList<>();
        outcomes.forEachRejection((line, reason, column) -> {
            batch.add(new Object[] {line, reason.name(), column == null ? null : column.header()});
            if (batch.size() == 1000) {
                insertRejections(uploadId, batch);
                batch.clear();
            }
        });
        insertRejections(uploadId, batch);
    }

    private void insertRejections(UUID uploadId, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        StringBuilder sql =
                new StringBuilder("insert into uploads.rejection (upload_id, line, reason, column_name) values ");
        List<Object> params = new ArrayList<>(rows.size() * 4);
        for (int i = 0; i < rows.size(); i++) {
            sql.append(i == 0 ? "" : ",").append("(?, ?, ?, ?)");
            params.add(uploadId);
            params.addAll(Arrays.asList(rows.get(i)));
        }
        jdbc.sql(sql.toString()).params(params).update();
    }

    private Optional<Acknowledgement> bySequence(OdsCode la, long sequence) {
        return jdbc.sql(SELECT_ACK + " where la_ods = :la and sequence = :sequence")
                .param("la", la.value())
                .param("sequence", sequence)
                .query(UploadService::acknowledgement)
                .optional();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Acknowledgement> find(OdsCode la, UUID uploadId) {
        return jdbc.sql(SELECT_ACK + " where la_ods = :la and id = :id")
                .param("la", la.value())
                .param("id", uploadId)
                .query(UploadService::acknowledgement)
                .optional();
    }

    @Override
    @Transactional(readOnly = true)
    public List<UploadSummary> list(OdsCode la, int limit) {
        return jdbc.sql("""
                        select id, sequence, status, received, loaded, rejected, received_at, submitted_by, channel
                          from uploads.upload where la_ods = :la order by received_at desc, sequence desc limit :limit
                        """)
                .param("la", la.value())
                .param("limit", limit)
                .query((rs, n) -> new UploadSummary(
                        rs.getObject("id", UUID.class),
                        rs.getLong("sequence"),
                        UploadStatus.valueOf(rs.getString("status")),
                        rs.getInt("received"),
                        rs.getInt("loaded"),
                        rs.getInt("rejected"),
                        rs.getTimestamp("received_at").toInstant(),
                        rs.getString("submitted_by"),
                        rs.getString("channel")))
                .list();
    }

    @Override
    @Transactional(readOnly = true)
    public List<Rejection> rejections(OdsCode la, UUID uploadId, int limit) {
        return jdbc.sql("""
                        select r.line, r.reason, r.column_name
                          from uploads.rejection r join uploads.upload u on u.id = r.upload_id
                         where u.la_ods = :la and u.id = :id
                         order by r.line limit :limit
                        """)
                .param("la", la.value())
                .param("id", uploadId)
                .param("limit", limit)
                .query((rs, n) -> new Rejection(
                        rs.getInt("line"),
                        RejectionReason.valueOf(rs.getString("reason")),
                        rs.getString("column_name")))
                .list();
    }

    private static final String SELECT_ACK = """
            select id, sequence, status, problem, received, loaded, rejected, received_at, records_gz
              from uploads.upload""";

    private static Acknowledgement acknowledgement(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        String problem = rs.getString("problem");
        return new Acknowledgement(
                rs.getObject("id", UUID.class),
                rs.getLong("sequence"),
                UploadStatus.valueOf(rs.getString("status")),
                problem == null ? null : MalformedProblem.valueOf(problem),
                rs.getInt("received"),
                rs.getInt("loaded"),
                rs.getInt("rejected"),
                rs.getTimestamp("received_at").toInstant(),
                rs.getBytes("records_gz"));
    }

    /** Refuses, with 413, a body longer than the limit, while it streams. */
    private static final class LimitedInputStream extends FilterInputStream {
        private final long limit;
        private long count;

        LimitedInputStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(long n) {
            count += n;
            if (count > limit) {
                throw new UploadRejectedException(
                        UploadRejectedException.Kind.TOO_LARGE,
                        "The file is larger than " + limit + " bytes; split it into several uploads");
            }
        }
    }
}
