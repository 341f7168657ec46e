package org.cpis.mesh;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.cpis.shared.OdsCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code mesh.inbound_message}: every message taken from the hub's inbox, and how far it got. */
@Repository
class InboundStore {

    enum State {
        RECEIVED,
        APPLIED
    }

    /** A stored message waiting to be applied, locked by the caller's transaction. */
    record Received(
            String messageId,
            String messageType,
            String fromMailbox,
            String workflowId,
            String localId,
            String statusDescription,
            OdsCode localAuthority,
            byte[] body,
            boolean tooLarge) {}

    private final JdbcClient jdbc;

    InboundStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<State> state(String messageId) {
        return jdbc.sql("select state from mesh.inbound_message where message_id = :id")
                .param("id", messageId)
                .query((rs, n) -> State.valueOf(rs.getString(1)))
                .optional();
    }

    /** Stores a downloaded message before anything is done with it; a second download of the same id changes nothing. */
    void received(MeshClient.Downloaded message, OdsCode la, Instant now) {
        jdbc.sql("""
                insert into mesh.inbound_message (message_id, message_type, from_mailbox, workflow_id, local_id,
                                                  status_description, la_ods, state, body, too_large, received_at)
                values (:id, :type, :from, :workflow, :local, :status, :la, 'RECEIVED', :body, :tooLarge, :now)
                on conflict (message_id) do nothing
                """)
                .param("id", message.messageId())
                .param("type", cut(message.messageType(), 10))
                .param("from", cut(message.from(), 100))
                .param("workflow", cut(message.workflowId(), 100))
                .param("local", cut(message.localId(), 100))
                .param("status", cut(message.statusDescription(), 300))
                .param("la", la == null ? null : la.value())
                .param("body", message.body())
                .param("tooLarge", message.tooLarge())
                .param("now", Timestamp.from(now))
                .update();
    }

    /** The message if it still waits to be applied, locked until the transaction ends: one node applies it, once. */
    Optional<Received> lockReceived(String messageId) {
        return jdbc.sql("""
                        select message_id, message_type, from_mailbox, workflow_id, local_id, status_description,
                               la_ods, body, too_large
                          from mesh.inbound_message where message_id = :id and state = 'RECEIVED' for update
                        """)
                .param("id", messageId)
                .query((rs, n) -> new Received(
                        rs.getString("message_id"),
                        rs.getString("message_type"),
                        rs.getString("from_mailbox"),
                        rs.getString("workflow_id"),
                        rs.getString("local_id"),
                        rs.getString("status_description"),
                        rs.getString("la_ods") == null ? null : new OdsCode(rs.getString("la_ods")),
                        rs.getBytes("body"),
                        rs.getBoolean("too_large")))
                .optional();
    }

    /**
     * Done with: the outcome is kept; the body (personal data) only when the message was not applied (unknown sender or
     * workflow), so that an operator can see what came and have it sent again through the right route.
     */
    void applied(String messageId, String outcome, UUID uploadId, Instant now) {
        jdbc.sql("""
                update mesh.inbound_message set state = 'APPLIED', outcome = :outcome, upload_id = :upload,
                                                body = case when :keep then body end, applied_at = :now
                 where message_id = :id
                """)
                .param("keep", outcome.startsWith("UNKNOWN_SENDER") || outcome.startsWith("UNEXPECTED_WORKFLOW"))
                .param("id", messageId)
                .param("outcome", cut(outcome, 100))
                .param("upload", uploadId)
                .param("now", Timestamp.from(now))
                .update();
    }

    void acknowledged(String messageId, Instant now) {
        jdbc.sql("update mesh.inbound_message set acknowledged_at = :now where message_id = :id")
                .param("id", messageId)
                .param("now", Timestamp.from(now))
                .update();
    }

    static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
