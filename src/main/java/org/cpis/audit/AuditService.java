package org.cpis.audit;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import org.cpis.shared.NhsNumber;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

@Service
class AuditService implements Audit {

    /** Entries one roll-up reads (audit.roll_up): a few seconds of work at most, so a backfill runs in steps. */
    static final int ROLLUP_BATCH = 100_000;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditKeys keys;
    private final AuditChain chain;
    // Keyed with the subject key on first use, never used itself: subjectHash hashes with copies of it.
    private volatile Mac subjectMac;

    AuditService(JdbcClient jdbc, Clock clock, AuditKeys keys, AuditChain chain) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.keys = keys;
        this.chain = chain;
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

    // An NHS number has fewer than 10^9 valid values, so an unkeyed hash could be reversed by trying them all.
    @Override
    public String subjectHash(NhsNumber nhsNumber) {
        try {
            // A Mac is not thread-safe: each hash uses a copy of one keyed once (every lookup hashes its subject, and
            // looking the algorithm up and keying it each time was a few per cent of a lookup's time in the hub).
            Mac mac = (Mac) subjectMac().clone();
            return HexFormat.of().formatHex(mac.doFinal(nhsNumber.value().getBytes(StandardCharsets.US_ASCII)));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    private Mac subjectMac() {
        Mac mac = subjectMac;
        if (mac == null) {
            try {
                mac = Mac.getInstance("HmacSHA256");
                mac.init(keys.subject());
            } catch (NoSuchAlgorithmException | InvalidKeyException e) {
                throw new IllegalStateException(e);
            }
            subjectMac = mac;
        }
        return mac;
    }

    @Override
    @Transactional
    public int seal() {
        return chain.seal();
    }

    @Override
    @Transactional
    public int rollUp() {
        return jdbc.sql("select audit.roll_up(:cutoff, :limit)")
                .param("cutoff", Timestamp.from(Instant.now(clock).minusSeconds(60)))
                .param("limit", ROLLUP_BATCH)
                .query(Integer.class)
                .single();
    }

    @Override
    @Transactional(readOnly = true)
    public long verify() {
        Long broken = chain.walk().firstBrokenId();
        return broken == null ? -1 : broken;
    }
}
