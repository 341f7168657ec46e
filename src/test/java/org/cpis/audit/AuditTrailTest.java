package org.cpis.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import javax.sql.DataSource;
import org.cpis.CpisIntegrationTest;
import org.cpis.identity.Actor;
import org.cpis.identity.HomeNotices;
import org.cpis.identity.Role;
import org.cpis.shared.NhsNumber;
import org.cpis.shared.OdsCode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import testsupport.TestClock;

/**
 * A hub and database of its own, on a clock standing still from its start: the test seals and tampers, first as the
 * hub's own runtime role (refused), then as the owner of the schemas (detected).
 */
@CpisIntegrationTest(properties = "test-clock.start=2026-11-22T10:00:00Z")
class AuditTrailTest {

    @Autowired
    Audit audit;

    @Autowired
    AuditIntegrity integrity;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    @Qualifier("ownerDataSource")
    DataSource ownerDataSource;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    TestClock clock;

    @Autowired
    MeterRegistry meters;

    @Autowired
    java.util.List<HomeNotices> notices;

    private long record(String nhs) {
        transactions.executeWithoutResult(status -> audit.record(new AuditEntry(
                "tester", "SYSTEM", "X24", "TEST", NhsNumber.of(nhs), "ref", "SUCCESS", "trace-1", "detail")));
        return jdbc.sql("select max(id) from audit.event").query(Long.class).single();
    }

    private void sealAll() {
        clock.set(clock.instant().plus(Duration.ofMinutes(2)));
        while (audit.seal() > 0) {
            // until caught up
        }
    }

    @Test
    void the_sealer_never_passes_over_an_entry_too_young_to_seal() {
        sealAll();
        Instant now = clock.instant();
        long young = record("9990000077");
        // The next entry comes from a node whose clock is five minutes behind: a later id with an earlier time.
        clock.set(now.minus(Duration.ofMinutes(5)));
        long behind = record("9990000085");
        clock.set(now.plusSeconds(30));

        audit.seal();
        assertThat(jdbc.sql("select count(*) from audit.seal where event_id in (:ids)")
                        .param("ids", java.util.List.of(young, behind))
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(audit.verify()).isEqualTo(-1);

        sealAll();
        assertThat(jdbc.sql("select count(*) from audit.seal where event_id in (:ids)")
                        .param("ids", java.util.List.of(young, behind))
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
        assertThat(audit.verify()).isEqualTo(-1);
    }

    @Test
    void the_runtime_role_can_append_but_not_change_remove_or_unprotect_entries() {
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
        // Entries younger than a minute are not sealed yet: an earlier transaction may still commit before them.
        assertThat(audit.seal()).isZero();
        sealAll();
        assertThat(audit.verify()).isEqualTo(-1);

        assertThat(jdbc.sql("select current_user").query(String.class).single()).isEqualTo("cpis_app");
        Map<String, String> attempts = Map.of(
                "update", "update audit.event set outcome = 'CHANGED' where id = " + id,
                "delete", "delete from audit.event where id = " + id,
                "truncate", "truncate audit.event",
                "forge a seal", "insert into audit.seal values (" + id + " + 1000, repeat('a', 64))",
                "remove a seal", "delete from audit.seal where event_id = " + id,
                "disable trigger", "alter table audit.event disable trigger event_append_only",
                "drop trigger", "drop trigger event_append_only on audit.event",
                "replication role", "set session_replication_role = replica",
                "owner role", "set role cpis_owner",
                "verification", "delete from audit.verification");
        attempts.forEach((what, sql) -> assertThatThrownBy(() -> jdbc.sql(sql).update())
                .as(what)
                .rootCause()
                .hasMessageMatching("(?s).*(permission denied|must be owner).*"));
        // The sealing function, the one way the runtime role sets a chain hash, leaves sealed entries alone.
        assertThat(jdbc.sql("select audit.seal_chain(array[" + id + "]::bigint[], array['x']::text[])")
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("""
                        select count(*) from audit.seal s join audit.event e on e.id = s.event_id
                         where s.event_id = :id and e.outcome = 'SUCCESS'""").param("id", id).query(Integer.class).single()).isEqualTo(1);
        assertThat(audit.verify()).isEqualTo(-1);
    }

    @Test
    void edits_removals_forgeries_and_truncation_by_the_owner_are_detected() {
        JdbcClient owner = JdbcClient.create(ownerDataSource);
        long first = record("9990000077");
        long edited = record("9990000212");
        long last = record("9990000077");
        sealAll();
        AuditVerification clean = integrity.verifyNow();
        assertThat(clean.intact()).isTrue();
        assertThat(meters.get("cpis.audit.verification.ok").gauge().value()).isEqualTo(1.0);
        assertThat(clean.headId()).isGreaterThanOrEqualTo(last);
        double breaksBefore = meters.counter("cpis.audit.chain.breaks").count();

        // An edited entry (the owner can switch the trigger off).
        owner.sql("alter table audit.event disable trigger user").update();
        owner.sql("update audit.event set actor_id = 'someone-else' where id = " + edited)
                .update();
        assertThat(integrity.verifyNow())
                .extracting(AuditVerification::firstBrokenId, AuditVerification::reason)
                .containsExactly(edited, "HASH_MISMATCH");
        assertThat(meters.counter("cpis.audit.chain.breaks").count()).isEqualTo(breaksBefore + 1);
        assertThat(meters.get("cpis.audit.chain.intact").gauge().value()).isZero();
        // The operators' gauges (operations module) follow the audit module's AuditVerified event.
        assertThat(meters.get("cpis.audit.verification.ok").gauge().value()).isZero();
        assertThat(meters.get("cpis.audit.verification.last").gauge().value())
                .isEqualTo(clock.instant().getEpochSecond());
        assertThat(integrity.latest())
                .get()
                .extracting(AuditVerification::firstBrokenId)
                .isEqualTo(edited);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = new VerifyAuditCommand(integrity, null).report(new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(VerifyAuditCommand.BROKEN);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("BROKEN at entry id " + edited);
        owner.sql("update audit.event set actor_id = 'tester' where id = " + edited)
                .update();
        assertThat(audit.verify()).isEqualTo(-1);

        // A removed entry breaks the link of the one after it.
        owner.sql("create table public.kept_row as select * from audit.event where id = " + edited)
                .update();
        owner.sql("delete from audit.event where id = " + edited).update();
        assertThat(audit.verify()).isEqualTo(last);
        owner.sql("insert into audit.event overriding system value select * from public.kept_row")
                .update();
        owner.sql("drop table public.kept_row").update();
        assertThat(audit.verify()).isEqualTo(-1);

        // A forged entry with a made-up chain hash (the key is not in the database, so it cannot be computed).
        owner.sql("""
                insert into audit.event (occurred_at, actor_id, actor_role, actor_org, action, outcome)
                values (now(), 'forger', 'SYSTEM', 'X24', 'TEST', 'SUCCESS')
                """).update();
        long forged =
                owner.sql("select max(id) from audit.event").query(Long.class).single();
        owner.sql("insert into audit.seal values (" + forged + ", repeat('a', 64))")
                .update();
        assertThat(audit.verify()).isEqualTo(forged);
        owner.sql("alter table audit.seal disable trigger user").update();
        owner.sql("delete from audit.seal where event_id = " + forged).update();
        owner.sql("delete from audit.event where id = " + forged).update();
        // An entry slipped in among the sealed ones, without a seal.
        long slipped = first + 1_000_000;
        owner.sql("""
                insert into audit.event (id, occurred_at, actor_id, actor_role, actor_org, action, outcome)
                overriding system value values (:id, now(), 'forger', 'SYSTEM', 'X24', 'TEST', 'SUCCESS')
                """).param("id", slipped).update();
        owner.sql("insert into audit.seal values (:id + 1, repeat('a', 64))")
                .param("id", slipped)
                .update();
        assertThat(audit.verify()).isEqualTo(slipped);
        owner.sql("delete from audit.seal where event_id = :id")
                .param("id", slipped + 1)
                .update();
        owner.sql("delete from audit.event where id = :id").param("id", slipped).update();
        owner.sql("alter table audit.seal enable trigger user").update();
        assertThat(integrity.verifyNow().intact()).isTrue();

        // The whole trail emptied after a verification: the exported head is gone.
        owner.sql("truncate audit.event").update();
        owner.sql("alter table audit.event enable trigger user").update();
        AuditVerification truncated = integrity.verifyNow();
        assertThat(truncated.intact()).isFalse();
        assertThat(truncated.reason()).isEqualTo("HEAD_MISSING");
        // The break is what a privacy officer sees first on their home page; a clinician is not told.
        Actor officer = new Actor("po", "P. Officer", Role.PRIVACY_OFFICER, OdsCode.of("X24"), "NHS England");
        assertThat(notices.stream().flatMap(n -> n.noticesFor(officer).stream()))
                .anySatisfy(text -> assertThat(text).contains("broken at entry").contains("HEAD_MISSING"));
        Actor clinician = new Actor("c", "C", Role.UNSCHEDULED_CLINICIAN, OdsCode.of("X1A01"), "Northfield");
        assertThat(notices.stream().flatMap(n -> n.noticesFor(clinician).stream()))
                .isEmpty();
        assertThat(first).isLessThan(edited);

        // Leave an empty trail for the other test: its chain starts afresh.
        owner.sql("alter table audit.seal disable trigger user").update();
        owner.sql("truncate audit.seal").update();
        owner.sql("alter table audit.seal enable trigger user").update();
    }
}
