package org.cpis.audit;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The hash chain over the trail: each entry's chain hash is HMAC-SHA256, under a key held outside the database
 * ({@link AuditKeys}), of the previous entry's chain hash and the entry's own content. Someone who can edit the
 * database but not read the key cannot make an edited, removed or forged entry fit.
 */
@Component
class AuditChain {

    static final int SEAL_BATCH = 5_000;
    private static final int VERIFY_BATCH = 10_000;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditKeys keys;

    AuditChain(JdbcClient jdbc, Clock clock, AuditKeys keys) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.keys = keys;
    }

    /** In the caller's transaction. */
    int seal() {
        // One sealer at a time, so that each batch chains on from the last one sealed.
        jdbc.sql("select pg_advisory_xact_lock(7346001)").query().listOfRows();
        Sealed head = head().orElse(new Sealed(0, ""));
        List<Row> rows = unsealedRows(head.eventId());
        if (rows.isEmpty()) {
            return 0;
        }
        Mac mac = mac();
        String previous = head.chainHash();
        StringBuilder ids = new StringBuilder("{");
        StringBuilder hashes = new StringBuilder("{");
        for (Row row : rows) {
            previous = link(mac, previous, row);
            ids.append(ids.length() > 1 ? "," : "").append(row.id());
            hashes.append(hashes.length() > 1 ? "," : "").append(previous); // hex digits: no quoting needed
        }
        // One statement for the whole batch, through the owner's function: the runtime role cannot write audit.seal.
        return jdbc.sql("select audit.seal_chain(cast(:ids as bigint[]), cast(:hashes as text[]))")
                .param("ids", ids.append('}').toString())
                .param("hashes", hashes.append('}').toString())
                .query(Integer.class)
                .single();
    }

    /** The last entry sealed and its chain hash. */
    record Sealed(long eventId, String chainHash) {}

    private Optional<Sealed> head() {
        return jdbc.sql("select event_id, chain_hash from audit.seal order by event_id desc limit 1")
                .query(Sealed.class)
                .optional();
    }

    /**
     * The entries after the last one sealed, in id order, old enough that every transaction which took an earlier id
     * has committed or rolled back; they stop at the first entry that is not yet (an entry is never passed over, so
     * none is left unsealed below the head: with two hub nodes' clocks a second apart, a later id can carry an earlier
     * time).
     */
    private List<Row> unsealedRows(long after) {
        Timestamp cutoff = Timestamp.from(Instant.now(clock).minusSeconds(60));
        return jdbc.sql("""
                        select id, occurred_at, actor_id, actor_role, actor_org, action, subject_hash, subject_ref,
                               outcome, trace_id, detail, null as chain_hash
                          from audit.event
                         where id > :after
                         order by id
                         limit :limit
                        """).param("after", after).param("limit", SEAL_BATCH).query(Row.class).stream()
                .takeWhile(row -> row.occurredAt().before(cutoff))
                .toList();
    }

    /** What a walk of the sealed chain found. */
    record Walk(long checked, Long headId, String headHash, Long firstBrokenId) {}

    /**
     * Recomputes the sealed chain from the start, in id order, up to the last entry sealed; stops at the first entry
     * that does not match, or that has no seal though a later entry has.
     */
    Walk walk() {
        Mac mac = mac();
        long last = head().map(Sealed::eventId).orElse(0L);
        String previous = "";
        long after = 0;
        long checked = 0;
        Long head = null;
        while (true) {
            List<Row> rows = jdbc.sql("""
                            select e.id, e.occurred_at, e.actor_id, e.actor_role, e.actor_org, e.action,
                                   e.subject_hash, e.subject_ref, e.outcome, e.trace_id, e.detail, s.chain_hash
                              from audit.event e left join audit.seal s on s.event_id = e.id
                             where e.id > :after and e.id <= :last
                             order by e.id limit :limit
                            """)
                    .param("after", after)
                    .param("last", last)
                    .param("limit", VERIFY_BATCH)
                    .query(Row.class)
                    .list();
            if (rows.isEmpty()) {
                return new Walk(checked, head, head == null ? null : previous, null);
            }
            for (Row row : rows) {
                previous = link(mac, previous, row);
                if (!previous.equals(row.chainHash())) {
                    return new Walk(checked, head, null, row.id());
                }
                checked++;
                head = row.id();
                after = row.id();
            }
        }
    }

    /** The stored chain hash of one entry, if the entry is there and sealed. */
    String chainHashOf(long id) {
        return jdbc.sql("""
                        select s.chain_hash from audit.seal s join audit.event e on e.id = s.event_id
                         where s.event_id = :id""").param("id", id).query(String.class).optional().orElse(null);
    }

    private Mac mac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(keys.chain());
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    record Row(
            long id,
            Timestamp occurredAt,
            String actorId,
            String actorRole,
            String actorOrg,
            String action,
            String subjectHash,
            String subjectRef,
            String outcome,
            String traceId,
            String detail,
            String chainHash) {}

    private static String link(Mac mac, String previous, Row r) {
        String content = String.join(
                "\u001f",
                previous,
                Long.toString(r.id()),
                Long.toString(r.occurredAt().toInstant().toEpochMilli()),
                r.actorId(),
                r.actorRole(),
                r.actorOrg(),
                r.action(),
                Objects.toString(r.subjectHash(), ""),
                Objects.toString(r.subjectRef(), ""),
                r.outcome(),
                Objects.toString(r.traceId(), ""),
                Objects.toString(r.detail(), ""));
        return HexFormat.of().formatHex(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
    }
}
