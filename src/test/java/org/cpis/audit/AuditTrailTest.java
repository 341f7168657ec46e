package org.cpis.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.cpis.CpisIntegrationTest;
import org.cpis.shared.NhsNumber;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import testsupport.TestClock;

/** A hub and database of its own, on a clock standing still from its start: the test seals and tampers. */
@CpisIntegrationTest(properties = "test-clock.start=2026-11-22T10:00:00Z")
class AuditTrailTest {

    @Autowired
    Audit audit;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    TestClock clock;

    private long record(String nhs) {
        transactions.executeWithoutResult(status -> audit.record(new AuditEntry(
                "tester", "SYSTEM", "X24", "TEST", NhsNumber.of(nhs), "ref", "SUCCESS", "trace-1", "detail")));
        return jdbc.sql("select max(id) from audit.event").query(Long.class).single();
    }

    @Test
    void entries_are_append_only_keyed_hashes_sealed_into_a_chain_that_shows_tampering() {
        long id = record("9990000077");
        assertThat(jdbc.sql("select subject_hash from audit.event where id = :id")
                        .param("id", id)
                        .query(String.class)
                        .single())
                .isEqualTo(audit.subjectHash(NhsNumber.of("9990000077")))
                .doesNotContain("9990000077")
                .hasSize(64);
        assertThat(audit.subjectHash(NhsNumber.of("9990000077")))
                .isNotEqualTo(audit.subjectHash(NhsNumber.of("9990000212")));

        assertThatThrownBy(() -> jdbc.sql("update audit.event set outcome = 'CHANGED' where id = :id")
                        .param("id", id)
                        .update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from audit.event where id = :id")
                        .param("id", id)
                        .update())
                .hasMessageContaining("append-only");

        // Entries younger than a minute are not sealed yet: an earlier transaction may still commit before them.
        assertThat(audit.seal()).isZero();
        clock.set(Instant.parse("2026-11-22T10:02:00Z"));
        assertThat(audit.seal()).isGreaterThanOrEqualTo(1);
        assertThat(audit.verify()).isEqualTo(-1);
        // A sealed entry cannot be sealed again or changed through the application's own account.
        assertThatThrownBy(() -> jdbc.sql("update audit.event set chain_hash = 'x' where id = :id")
                        .param("id", id)
                        .update())
                .hasMessageContaining("append-only");

        // Someone with the power to switch the trigger off still cannot change an entry unnoticed.
        jdbc.sql("alter table audit.event disable trigger event_append_only").update();
        jdbc.sql("update audit.event set actor_id = 'someone-else' where id = :id")
                .param("id", id)
                .update();
        jdbc.sql("alter table audit.event enable trigger event_append_only").update();
        assertThat(audit.verify()).isEqualTo(id);
    }
}
