package org.cpis.audit;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.cpis.shared.NhsNumber;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

@Service
class AuditService implements Audit {

    private static final int SEAL_BATCH = 5_000;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditProperties properties;
    private volatile SecretKeySpec subjectKey;

    AuditService(JdbcClient jdbc, Clock clock, AuditProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(AuditEntry entry) {
        insert(entry);
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordAll(List<AuditEntry> entries) {
        entries.forEach(this::insert);
    }

    private void insert(AuditEntry e) {
        jdbc.sql("""
                select audit.append(:at, :actor, :role, :org, :action, :subject, :ref, :outcome, :trace, :detail)
                """)
                .param("at", Timestamp.from(Instant.now(clock)))
                .param("actor", e.actorId())
                .param("role", e.actorRole())
                .param("org", e.actorOrganisation())
                .param("action", e.action())
                .param("subject", e.subject() == null ? null : subjectHash(e.subject()))
                .param("ref", e.subjectRef())
                .param("outcome", e.outcome())
                .param("trace", e.traceId())
                .param("detail", e.detail())
                .query(Long.class)
                .single();
    }

    @Override
    public String subjectHash(NhsNumber nhsNumber) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key());
            return HexFormat.of().formatHex(mac.doFinal(nhsNumber.value().getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    // An NHS number has fewer than 10^9 valid values, so an unkeyed hash could be reversed by trying them all.
    private SecretKeySpec key() {
        SecretKeySpec key = subjectKey;
        if (key == null) {
            byte[] bytes =
                    properties.subjectKey() != null && !properties.subjectKey().isBlank()
                            ? Base64.getDecoder().decode(properties.subjectKey().trim())
                            : installationKey();
            if (bytes.length < 32) {
                throw new IllegalStateException("cpis.audit.subject-key must be at least 32 bytes");
            }
            key = new SecretKeySpec(bytes, "HmacSHA256");
            subjectKey = key;
        }
        return key;
    }

    private byte[] installationKey() {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        jdbc.sql("insert into audit.installation_key (key) values (:key) on conflict do nothing")
                .param("key", fresh)
                .update();
        return jdbc.sql("select key from audit.installation_key")
                .query(byte[].class)
                .single();
    }

    @Override
    @Transactional
    public int seal() {
        // One sealer at a time, so that each batch chains on from the last one sealed.
        jdbc.sql("select pg_advisory_xact_lock(7346001)").query().listOfRows();
        String previous = lastChainHash();
        List<Row> rows = unsealedRows();
        if (rows.isEmpty()) {
            return 0;
        }
        // One statement for the whole batch: the sealer runs beside the lookups and should cost them little.
        StringBuilder ids = new StringBuilder("{");
        StringBuilder hashes = new StringBuilder("{");
        for (Row row : rows) {
            previous = chain(previous, row);
            ids.append(ids.length() > 1 ? "," : "").append(row.id());
            hashes.append(hashes.length() > 1 ? "," : "").append(previous); // hex digits: no quoting needed
        }
        jdbc.sql("""
                update audit.event e set chain_hash = u.hash
                  from unnest(cast(:ids as bigint[]), cast(:hashes as text[])) as u(id, hash)
                 where e.id = u.id
                """)
                .param("ids", ids.append('}').toString())
                .param("hashes", hashes.append('}').toString())
                .update();
        return rows.size();
    }

    private String lastChainHash() {
        return jdbc.sql("select chain_hash from audit.event where chain_hash is not null order by id desc limit 1")
                .query(String.class)
                .optional()
                .orElse("");
    }

    /**
     * The next batch to seal: only entries old enough that every transaction which took an earlier id has committed
     * or rolled back.
     */
    private List<Row> unsealedRows() {
        return jdbc.sql("""
                        select id, occurred_at, actor_id, actor_role, actor_org, action, subject_hash, subject_ref,
                               outcome, trace_id, detail
                          from audit.event
                         where chain_hash is null and occurred_at < :cutoff
                         order by id
                         limit :limit
                        """)
                .param("cutoff", Timestamp.from(Instant.now(clock).minusSeconds(60)))
                .param("limit", SEAL_BATCH)
                .query(Row.class)
                .list();
    }

    @Override
    @Transactional(readOnly = true)
    public long verify() {
        String previous = "";
        long after = 0;
        while (true) {
            List<SealedRow> rows =
                    jdbc.sql("""
                            select id, occurred_at, actor_id, actor_role, actor_org, action, subject_hash, subject_ref,
                                   outcome, trace_id, detail, chain_hash
                              from audit.event where chain_hash is not null and id > :after order by id limit 10000
                            """).param("after", after).query(SealedRow.class).list();
            if (rows.isEmpty()) {
                return -1;
            }
            for (SealedRow s : rows) {
                previous = chain(previous, s.row());
                if (!previous.equals(s.chainHash())) {
                    return s.id();
                }
                after = s.id();
            }
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
            String detail) {}

    record SealedRow(
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
            String chainHash) {
        Row row() {
            return new Row(
                    id,
                    occurredAt,
                    actorId,
                    actorRole,
                    actorOrg,
                    action,
                    subjectHash,
                    subjectRef,
                    outcome,
                    traceId,
                    detail);
        }
    }

    private static String chain(String previous, Row r) {
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
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
