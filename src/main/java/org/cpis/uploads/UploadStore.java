package org.cpis.uploads;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.cpis.shared.OdsCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The uploads schema: every file an LA sent, its acknowledgement and its rejected lines. */
@Repository
class UploadStore {

    private static final String SELECT_ACK = """
            select id, sequence, status, problem, received, loaded, rejected, received_at, records_gz
              from uploads.upload""";

    private final JdbcClient jdbc;

    UploadStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Waits for, then holds until the transaction ends, the LA's upload lock: sequence checks and loads never interleave. */
    void lock(OdsCode la) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('cpis-upload:' || :la))")
                .param("la", la.value())
                .query()
                .listOfRows();
    }

    /** The LA's counter epoch: 0 until an administrator first resets its counter. */
    int epoch(OdsCode la) {
        return jdbc.sql("select epoch from uploads.sequence_counter where la_ods = :la")
                .param("la", la.value())
                .query(Integer.class)
                .optional()
                .orElse(0);
    }

    long lastSequence(OdsCode la, int epoch) {
        return jdbc.sql("""
                select coalesce(max(sequence), 0) from uploads.upload where la_ods = :la and counter_epoch = :epoch
                """)
                .param("la", la.value())
                .param("epoch", epoch)
                .query(Long.class)
                .single();
    }

    /** Starts the LA's next counter epoch; returns it. */
    int newEpoch(OdsCode la, String resetBy, Instant at) {
        return jdbc.sql("""
                insert into uploads.sequence_counter (la_ods, epoch, reset_at, reset_by)
                values (:la, 1, :at, :by)
                on conflict (la_ods) do update
                   set epoch = sequence_counter.epoch + 1, reset_at = excluded.reset_at, reset_by = excluded.reset_by
                returning epoch
                """)
                .param("la", la.value())
                .param("at", Timestamp.from(at))
                .param("by", resetBy)
                .query(Integer.class)
                .single();
    }

    void store(OdsCode la, int epoch, UploadCommand command, Acknowledgement ack) {
        jdbc.sql("""
                insert into uploads.upload (id, la_ods, counter_epoch, sequence, status, problem, received, loaded,
                                            rejected, records_gz, submitted_by, channel, received_at)
                values (:id, :la, :epoch, :sequence, :status, :problem, :received, :loaded, :rejected, :records, :by,
                        :channel, :at)
                """)
                .param("id", ack.uploadId())
                .param("la", la.value())
                .param("epoch", epoch)
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

    /** The rejected lines (line, reason, column; never the content), in one statement. */
    void storeRejections(UUID uploadId, LineOutcomes outcomes) {
        List<Integer> lines = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        List<String> columns = new ArrayList<>();
        outcomes.forEachRejection((line, reason, column) -> {
            lines.add(line);
            reasons.add(reason.name());
            columns.add(column == null ? null : column.header());
        });
        if (lines.isEmpty()) {
            return;
        }
        jdbc.sql("""
                insert into uploads.rejection (upload_id, line, reason, column_name)
                select :upload, * from unnest(:lines::int[], :reasons::text[], :columns::text[])
                """)
                .param("upload", uploadId)
                .param("lines", lines.toArray(Integer[]::new))
                .param("reasons", reasons.toArray(String[]::new))
                .param("columns", columns.toArray(String[]::new))
                .update();
    }

    Optional<Acknowledgement> bySequence(OdsCode la, int epoch, long sequence) {
        return jdbc.sql(SELECT_ACK + " where la_ods = :la and counter_epoch = :epoch and sequence = :value")
                .param("la", la.value())
                .param("epoch", epoch)
                .param("value", sequence)
                .query(UploadStore::acknowledgement)
                .optional();
    }

    Optional<Acknowledgement> find(OdsCode la, UUID uploadId) {
        return acknowledgement(la, "id", uploadId);
    }

    /** The LA's acknowledgement whose column (a constant of this class, never input) has the value. */
    private Optional<Acknowledgement> acknowledgement(OdsCode la, String column, Object value) {
        return jdbc.sql(SELECT_ACK + " where la_ods = :la and " + column + " = :value")
                .param("la", la.value())
                .param("value", value)
                .query(UploadStore::acknowledgement)
                .optional();
    }

    List<UploadSummary> list(OdsCode la, int limit) {
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
                        UploadCommand.Channel.valueOf(rs.getString("channel"))))
                .list();
    }

    List<Rejection> rejections(OdsCode la, UUID uploadId, int limit) {
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

    private static Acknowledgement acknowledgement(ResultSet rs, int n) throws SQLException {
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
}
