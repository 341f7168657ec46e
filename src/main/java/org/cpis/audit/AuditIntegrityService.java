package org.cpis.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Verifies the chain and keeps the outcome: a row in {@code audit.verification}, a log line (ids and hashes only,
 * never personal data), the {@code cpis.audit.chain.breaks} counter and {@code cpis.audit.chain.intact} gauge, and the
 * verified head exported beside the keys, so that a trail cut short after a verification is noticed too, and an
 * {@link AuditVerified} event for the operators' metrics.
 */
@Service
class AuditIntegrityService implements AuditIntegrity {

    private static final Logger log = LoggerFactory.getLogger(AuditIntegrityService.class);

    private final Audit audit;
    private final AuditChain chain;
    private final AuditKeys keys;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Counter breaks;
    private final AtomicInteger intact = new AtomicInteger(1);

    AuditIntegrityService(
            Audit audit,
            AuditChain chain,
            AuditKeys keys,
            JdbcClient jdbc,
            Clock clock,
            TransactionTemplate transactions,
            ApplicationEventPublisher events,
            MeterRegistry meters) {
        this.audit = audit;
        this.chain = chain;
        this.keys = keys;
        this.jdbc = jdbc;
        this.clock = clock;
        this.transactions = transactions;
        this.events = events;
        this.breaks = Counter.builder("cpis.audit.chain.breaks")
                .description("Verifications of the audit chain that found a broken link")
                .register(meters);
        Gauge.builder("cpis.audit.chain.intact", intact, AtomicInteger::get)
                .description("1 if the last verification of the audit chain found it intact, else 0")
                .register(meters);
    }

    @Override
    public AuditVerification verifyNow() {
        AuditJobs.sealUntilCaughtUp(audit); // seal what is due first, so the check covers it
        AuditVerification result = transactions.execute(status -> check());
        transactions.executeWithoutResult(status -> store(result));
        intact.set(result.intact() ? 1 : 0);
        if (result.intact()) {
            log.info("Audit chain verified: {} entries intact up to id {}", result.checked(), result.headId());
            exportHead(result);
        } else {
            breaks.increment();
            log.error(
                    "Audit chain BROKEN at entry id {} ({}); {} entries before it intact",
                    result.firstBrokenId(),
                    result.reason(),
                    result.checked());
        }
        events.publishEvent(new AuditVerified(result));
        return result;
    }

    private AuditVerification check() {
        Instant now = Instant.now(clock);
        AuditChain.Walk walk = chain.walk();
        if (walk.firstBrokenId() != null) {
            return new AuditVerification(now, walk.checked(), walk.headId(), walk.firstBrokenId(), "HASH_MISMATCH");
        }
        // The head exported at the last good verification must still be there, unchanged.
        Optional<String[]> exported = readHead();
        if (exported.isPresent()) {
            long id = Long.parseLong(exported.get()[0]);
            if (!exported.get()[1].equals(chain.chainHashOf(id))) {
                return new AuditVerification(now, walk.checked(), walk.headId(), id, "HEAD_MISSING");
            }
        }
        return new AuditVerification(now, walk.checked(), walk.headId(), null, null);
    }

    private void store(AuditVerification v) {
        jdbc.sql("""
                insert into audit.verification (verified_at, checked, head_id, first_broken_id, reason)
                values (:at, :checked, :head, :broken, :reason)
                """)
                .param("at", Timestamp.from(v.verifiedAt()))
                .param("checked", v.checked())
                .param("head", v.headId())
                .param("broken", v.firstBrokenId())
                .param("reason", v.reason())
                .update();
    }

    @Override
    public Optional<AuditVerification> latest() {
        return jdbc.sql("""
                        select verified_at, checked, head_id, first_broken_id, reason
                          from audit.verification order by id desc limit 1
                        """)
                .query((rs, n) -> new AuditVerification(
                        rs.getTimestamp(1).toInstant(),
                        rs.getLong(2),
                        rs.getObject(3, Long.class),
                        rs.getObject(4, Long.class),
                        rs.getString(5)))
                .optional();
    }

    private Optional<String[]> readHead() {
        Optional<Path> file = keys.headFile().filter(Files::exists);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try {
            String[] parts = Files.readString(file.get()).trim().split(" ");
            return parts.length == 2 ? Optional.of(parts) : Optional.empty();
        } catch (IOException e) {
            log.warn("The exported audit head cannot be read: {}", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    private void exportHead(AuditVerification v) {
        if (v.headId() == null) {
            return;
        }
        String hash = chain.chainHashOf(v.headId());
        keys.headFile().ifPresent(file -> {
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(file, v.headId() + " " + hash);
            } catch (IOException e) {
                log.warn("The audit head cannot be exported: {}", e.getClass().getSimpleName());
            }
        });
    }
}
