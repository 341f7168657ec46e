package org.cpis.mesh;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.cpis.shared.OdsCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code mesh.outbound_message}: messages for LA mailboxes. Queued in the transaction that decided them; claimed with
 * {@code FOR UPDATE SKIP LOCKED} and a lease, so a node that dies mid-send only delays the message.
 */
@Repository
class OutboundStore {

    /** What to send: {@code localId} is MESH's mex-LocalID and the row's idempotency key. */
    record Outbound(
            String localId,
            String kind,
            OdsCode localAuthority,
            String toMailbox,
            String workflowId,
            String fileName,
            byte[] body) {}

    record Pending(long id, Outbound message, int attempts, Instant giveUpAt, Instant leaseUntil) {}

    record Sent(long id, String messageId) {}

    private final JdbcClient jdbc;

    OutboundStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return false when a message with this local id was already queued */
    boolean queue(Outbound m, Instant now, Instant giveUpAt) {
        return jdbc.sql("""
                insert into mesh.outbound_message (local_id, kind, la_ods, to_mailbox, workflow_id, file_name, body,
                                                   state, next_attempt_at, give_up_at, created_at)
                values (:local, :kind, :la, :to, :workflow, :file, :body, 'PENDING', :now, :giveUp, :now)
                on conflict (local_id) do nothing
                """)
                        .param("local", m.localId())
                        .param("kind", m.kind())
                        .param("la", m.localAuthority().value())
                        .param("to", m.toMailbox())
                        .param("workflow", m.workflowId())
                        .param("file", m.fileName())
                        .param("body", m.body())
                        .param("now", Timestamp.from(now))
                        .param("giveUp", Timestamp.from(giveUpAt))
                        .update()
                == 1;
    }

    List<Pending> claim(Instant now, Instant lease, int batch) {
        return jdbc.sql("""
                        update mesh.outbound_message o set next_attempt_at = :lease
                         where o.id in (select id from mesh.outbound_message
                                         where state = 'PENDING' and next_attempt_at <= :now
                                         order by next_attempt_at limit :batch for update skip locked)
                        returning o.id, o.local_id, o.kind, o.la_ods, o.to_mailbox, o.workflow_id, o.file_name, o.body,
                                  o.attempts, o.give_up_at, o.next_attempt_at
                        """)
                .param("lease", Timestamp.from(lease))
                .param("now", Timestamp.from(now))
                .param("batch", batch)
                .query((rs, n) -> new Pending(
                        rs.getLong("id"),
                        new Outbound(
                                rs.getString("local_id"),
                                rs.getString("kind"),
                                new OdsCode(rs.getString("la_ods")),
                                rs.getString("to_mailbox"),
                                rs.getString("workflow_id"),
                                rs.getString("file_name"),
                                rs.getBytes("body")),
                        rs.getInt("attempts"),
                        rs.getTimestamp("give_up_at").toInstant(),
                        rs.getTimestamp("next_attempt_at").toInstant()))
                .list();
    }

    void sent(Pending p, String messageId, Instant now) {
        jdbc.sql("""
                update mesh.outbound_message set state = 'SENT', message_id = :mid, sent_at = :now,
                                                 attempts = attempts + 1, last_error = null
                 where id = :id and state = 'PENDING' and next_attempt_at = :lease
                """)
                .param("id", p.id())
                .param("mid", messageId)
                .param("now", Timestamp.from(now))
                .param("lease", Timestamp.from(p.leaseUntil()))
                .update();
    }

    void failed(Pending p, boolean giveUp, Instant next, String error) {
        jdbc.sql("""
                update mesh.outbound_message set state = :state, attempts = attempts + 1, next_attempt_at = :next,
                                                 last_error = :error
                 where id = :id and state = 'PENDING' and next_attempt_at = :lease
                """)
                .param("id", p.id())
                .param("state", giveUp ? "FAILED" : "PENDING")
                .param("next", Timestamp.from(next))
                .param("error", InboundStore.cut(error, 300))
                .param("lease", Timestamp.from(p.leaseUntil()))
                .update();
    }

    List<Sent> awaitingDelivery(int limit) {
        return jdbc.sql("""
                        select id, message_id from mesh.outbound_message where state = 'SENT'
                         order by sent_at limit :limit
                        """)
                .param("limit", limit)
                .query((rs, n) -> new Sent(rs.getLong(1), rs.getString(2)))
                .list();
    }

    /** The LA's mailbox took the message: its body (personal data) is no longer kept. */
    void delivered(long id, Instant now) {
        jdbc.sql("""
                update mesh.outbound_message set state = 'DELIVERED', delivered_at = :now, body = null
                 where id = :id and state = 'SENT'
                """).param("id", id).param("now", Timestamp.from(now)).update();
    }

    /** MESH reported that a sent message could not be delivered (a REPORT message naming its local id). */
    void undeliverable(String localId, String description) {
        jdbc.sql("""
                update mesh.outbound_message set state = 'FAILED', last_error = :error
                 where local_id = :local and state in ('SENT', 'PENDING')
                """)
                .param("local", localId)
                .param("error", InboundStore.cut(description == null ? "MESH non-delivery report" : description, 300))
                .update();
    }
}
