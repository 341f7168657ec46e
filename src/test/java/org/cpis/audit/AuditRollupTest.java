package org.cpis.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.cpis.CpisIntegrationTest;
import org.cpis.audit.AuditReports.OrganisationCount;
import org.cpis.audit.AuditReports.Scope;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import testsupport.TestClock;

/**
 * The organisation report over whole months reads the monthly rollup (audit.person_month) and the trail around it;
 * whatever the rollup holds yet, its figures equal a count of the trail. A hub of its own, its scheduler off, so that
 * only the test moves the rollup on.
 */
@CpisIntegrationTest(properties = {"test-clock.start=2026-03-10T12:00:00Z", "db-scheduler.enabled=false"})
class AuditRollupTest {

    private static final Scope TRUST = new Scope(false, "R1A01", List.of());

    @Autowired
    Audit audit;

    @Autowired
    AuditReports reports;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    @Qualifier("ownerDataSource")
    DataSource ownerDataSource;

    @Autowired
    TestClock clock;

    /** Entries from the hub's start and from other tests rolled up, so each test starts from a caught-up rollup. */
    @BeforeEach
    void caughtUp() {
        clock.advance(Duration.ofMinutes(2));
        while (audit.rollUp() > 0) {
            // until caught up
        }
        assertThat(mark()).isEqualTo(lastId());
    }

    private long append(String at, String org, String actor, boolean about, String outcome) {
        return append(Instant.parse(at), org, actor, about, outcome);
    }

    private long append(Instant at, String org, String actor, boolean about, String outcome) {
        return jdbc.sql("select audit.append(:at, :actor, 'UNSCHEDULED_CLINICIAN', :org, 'LOOKUP_FHIR', :subject,"
                        + " null, :outcome, null, null)")
                .param("at", Timestamp.from(at))
                .param("actor", actor)
                .param("org", org)
                .param("subject", about ? "a".repeat(64) : null)
                .param("outcome", outcome)
                .query(Long.class)
                .single();
    }

    private long mark() {
        return jdbc.sql("select last_id from audit.rollup_mark")
                .query(Long.class)
                .single();
    }

    private long lastId() {
        return jdbc.sql("select coalesce(max(id), 0) from audit.event")
                .query(Long.class)
                .single();
    }

    /** The figures counted straight from the trail, written differently from the report's query. */
    private List<OrganisationCount> counted(String from, String to, Scope scope) {
        return jdbc.sql("""
                        select actor_org, count(*), count(*) filter (where outcome = 'FOUND'), count(distinct actor_id)
                          from audit.event
                         where subject_hash is not null and occurred_at >= :from and occurred_at < :to
                           and (cast(:org as varchar) is null or actor_org = :org)
                         group by actor_org
                         order by actor_org""")
                .param("from", Timestamp.from(Instant.parse(from)))
                .param("to", Timestamp.from(Instant.parse(to)))
                .param("org", scope.actorOrganisation())
                .query((rs, n) -> new OrganisationCount(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
                .list();
    }

    private List<OrganisationCount> report(String from, String to, Scope scope) {
        return reports.byOrganisation(Instant.parse(from), Instant.parse(to), scope);
    }

    private static final List<String[]> PERIODS = List.of(
            // partial months at both ends around two whole months
            new String[] {"2025-12-10T08:00:00Z", "2026-03-05T00:00:00Z"},
            // exactly two whole months, no partial ones
            new String[] {"2026-01-01T00:00:00Z", "2026-03-01T00:00:00Z"},
            // one whole month and the instants either side of it
            new String[] {"2025-12-31T23:59:59.999999Z", "2026-02-01T00:00:00.000001Z"},
            // no whole month: the raw query
            new String[] {"2026-01-15T00:00:00Z", "2026-02-10T00:00:00Z"},
            // everything, the future included
            new String[] {"2020-01-01T00:00:00Z", "2030-01-01T00:00:00Z"});

    private void assertReportsEqualCounts() {
        for (Scope scope : List.of(Scope.all(), TRUST)) {
            for (String[] period : PERIODS) {
                assertThat(report(period[0], period[1], scope))
                        .as("%s .. %s, %s", period[0], period[1], scope.everything() ? "everything" : "trust")
                        .isEqualTo(counted(period[0], period[1], scope))
                        .isNotEmpty();
            }
        }
    }

    @Test
    void the_report_equals_a_count_of_the_trail_with_entries_rolled_up_and_others_not_yet() {
        List<Long> rolled = new ArrayList<>();
        for (String at : List.of(
                "2025-12-05T10:00:00Z",
                "2025-12-31T23:59:59.999999Z",
                "2026-01-01T00:00:00Z",
                "2026-01-20T09:00:00Z",
                "2026-01-31T23:59:59.999999Z",
                "2026-02-01T00:00:00Z",
                "2026-02-14T15:30:00Z",
                "2026-03-01T00:00:00Z",
                "2026-03-04T08:00:00Z")) {
            rolled.add(append(at, "R1A01", "clinician-a", true, "FOUND"));
            rolled.add(append(at, "R1A01", "clinician-b", true, "NOT_FOUND"));
            rolled.add(append(at, "R2B02", "clinician-c", true, "FOUND"));
            rolled.add(append(at, "R2B02", "clinician-c", false, "SUCCESS")); // a sign-in: about no one
        }
        clock.advance(Duration.ofMinutes(2));
        while (audit.rollUp() > 0) {
            // until caught up
        }
        assertThat(mark()).isEqualTo(rolled.get(rolled.size() - 1));
        assertThat(jdbc.sql("""
                        select entries, found from audit.person_month
                         where month = '2026-01-01T00:00:00Z' and actor_org = 'R1A01' and actor_id = 'clinician-a'
                        """)
                        .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
                        .single())
                .containsExactly(3, 3);

        // Not rolled up yet: an entry younger than the cutoff stops the rollup, and the older entries after it (in
        // whole months, in the partial ones, and by a new person) wait behind it.
        long young = append(clock.instant(), "R1A01", "clinician-a", true, "FOUND");
        for (String at : List.of("2026-01-15T00:00:00Z", "2026-02-01T00:00:00Z", "2025-12-20T00:00:00Z")) {
            append(at, "R1A01", "clinician-a", true, "FOUND");
            append(at, "R1A01", "clinician-new", true, "NOT_FOUND");
            append(at, "R2B02", "clinician-c", true, "FOUND");
        }
        assertThat(audit.rollUp()).isZero();
        assertThat(mark()).isEqualTo(young - 1);
        assertReportsEqualCounts();

        // The whole months are read from the rollup: a count changed there (only the owner can) shows in the report.
        JdbcClient owner = JdbcClient.create(ownerDataSource);
        String change = "update audit.person_month set entries = entries + :by where month = '2026-01-01T00:00:00Z'"
                + " and actor_org = 'R1A01' and actor_id = 'clinician-a'";
        owner.sql(change).param("by", 1000).update();
        long counted = counted("2025-12-10T08:00:00Z", "2026-03-05T00:00:00Z", TRUST)
                .get(0)
                .entries();
        assertThat(report("2025-12-10T08:00:00Z", "2026-03-05T00:00:00Z", TRUST)
                        .get(0)
                        .entries())
                .isEqualTo(counted + 1000);
        owner.sql(change).param("by", -1000).update();

        // Once the young entry is a minute old, the rest is rolled up, and the figures stay the same.
        clock.advance(Duration.ofMinutes(2));
        assertThat(audit.rollUp()).isEqualTo(10);
        assertThat(mark()).isEqualTo(lastId());
        assertReportsEqualCounts();
    }

    @Test
    void entries_are_rolled_up_once_they_are_older_than_a_minute() {
        Instant now = clock.instant();
        long older = append(now.minusSeconds(60).minusNanos(1_000), "R1A01", "clinician-a", true, "FOUND");
        long atCutoff = append(now.minusSeconds(60), "R1A01", "clinician-a", true, "FOUND");
        append(now.minusSeconds(600), "R1A01", "clinician-a", true, "FOUND");

        assertThat(audit.rollUp()).isEqualTo(1);
        assertThat(mark()).isEqualTo(older);
        assertThat(audit.rollUp()).isZero();
        assertThat(mark()).isEqualTo(atCutoff - 1);

        clock.advance(Duration.ofNanos(1_000));
        assertThat(audit.rollUp()).isEqualTo(2);
        assertThat(mark()).isEqualTo(lastId());
    }

    @Test
    void the_runtime_role_can_read_and_move_on_the_rollup_but_not_write_it() {
        assertThat(jdbc.sql("select current_user").query(String.class).single()).isEqualTo("cpis_app");
        append("2026-02-02T10:00:00Z", "R1A01", "clinician-a", true, "FOUND");
        clock.advance(Duration.ofMinutes(2));
        assertThat(audit.rollUp()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from audit.person_month")
                        .query(Long.class)
                        .single())
                .isPositive();
        Map<String, String> attempts = Map.of(
                "insert", "insert into audit.person_month values (now(), 'R1A01', 'someone', 1, 1)",
                "update", "update audit.person_month set entries = 0",
                "delete", "delete from audit.person_month",
                "truncate", "truncate audit.person_month",
                "move the mark", "update audit.rollup_mark set last_id = 0",
                "remove the mark", "delete from audit.rollup_mark");
        attempts.forEach((what, sql) -> assertThatThrownBy(() -> jdbc.sql(sql).update())
                .as(what)
                .rootCause()
                .hasMessageContaining("permission denied"));
    }
}
