package org.cpis.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicLong;
import org.cpis.MutableClock;
import org.cpis.TestNhsNumbers;
import org.cpis.audit.Audit;
import org.cpis.shared.OdsCode;
import org.cpis.uploads.UploadCommand;
import org.cpis.uploads.Uploads;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/** The life of a record from upload to purge, with the hub's clock moved to each rule's boundary. */
@SpringBootTest
@ActiveProfiles("test")
class RecordLifetimeTest {

    static final OdsCode LA = new OdsCode("E08000025");
    static final String HEADER = "nhs_number,family_name,given_names,date_of_birth,plan_type,start_date,end_date,"
            + "expected_delivery_date\n";
    static final AtomicLong SEQUENCE = new AtomicLong(1_000_000);

    @TestConfiguration
    static class FixedClock {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(Instant.parse("2026-03-10T12:00:00Z"));
        }
    }

    @Autowired
    MutableClock clock;

    @Autowired
    Clock injected;

    @Autowired
    Uploads uploads;

    @Autowired
    Records records;

    @Autowired
    Audit audit;

    @Autowired
    JdbcClient jdbc;

    private void upload(String row) {
        uploads.upload(new UploadCommand(
                LA,
                SEQUENCE.incrementAndGet(),
                "test-system",
                "LA_SYSTEM",
                UploadCommand.Channel.API,
                new ByteArrayInputStream((HEADER + row).getBytes(StandardCharsets.UTF_8))));
    }

    private boolean visible(String nhs) {
        return records.search(LA, nhs, 0, 10).items().stream().anyMatch(RecordPage.Item::visible);
    }

    private boolean stored(String nhs) {
        return records.search(LA, nhs, 0, 10).total() > 0;
    }

    @Test
    void the_hub_runs_on_the_test_clock() {
        assertThat(injected).isSameAs(clock);
    }

    @Test
    void an_ended_plan_is_shown_364_days_after_its_end_then_purged_with_an_audit_entry() {
        clock.setDate(LocalDate.of(2026, 3, 10));
        String nhs = TestNhsNumbers.next();
        upload(nhs + ",Smith,Alice,2015-03-01,CPP,2025-01-10,2026-03-01,\n");

        clock.setDate(LocalDate.of(2026, 3, 1).plusDays(364));
        assertThat(visible(nhs)).isTrue();
        assertThat(records.purge(LocalDate.of(2026, 3, 1).plusDays(364))).isGreaterThanOrEqualTo(0);
        assertThat(stored(nhs)).as("not purged on its last visible day").isTrue();

        clock.setDate(LocalDate.of(2026, 3, 1).plusDays(365));
        assertThat(visible(nhs)).isFalse();
        records.purge(LocalDate.of(2026, 3, 1).plusDays(365));
        assertThat(stored(nhs)).isFalse();

        String hash = audit.subjectHash(org.cpis.shared.NhsNumber.of(nhs));
        assertThat(jdbc.sql("select action from audit.event where subject_hash = :h")
                        .param("h", hash)
                        .query(String.class)
                        .list())
                .contains("RECORD_PURGED");
        assertThat(jdbc.sql("select count(*) from audit.event where detail like :n or subject_ref like :n")
                        .param("n", "%" + nhs + "%")
                        .query(Integer.class)
                        .single())
                .as("the audit trail never holds the NHS number itself")
                .isZero();
    }

    @Test
    void a_childs_open_plan_ends_at_18_and_is_shown_364_days_more() {
        LocalDate eighteenth = LocalDate.of(2026, 6, 1);
        clock.setDate(LocalDate.of(2026, 5, 31));
        String nhs = TestNhsNumbers.next();
        upload(nhs + ",Smith,Alice," + eighteenth.minusYears(18) + ",LAC,2020-01-01,,\n");
        assertThat(stored(nhs)).as("accepted the day before the 18th birthday").isTrue();

        clock.setDate(eighteenth.plusDays(364));
        assertThat(visible(nhs)).isTrue();
        clock.setDate(eighteenth.plusDays(365));
        assertThat(visible(nhs)).isFalse();
    }

    @Test
    void an_unborn_plan_is_shown_until_28_days_after_the_due_date() {
        LocalDate due = LocalDate.of(2026, 7, 1);
        clock.setDate(LocalDate.of(2026, 3, 10));
        String mother = TestNhsNumbers.next();
        upload(mother + ",Jones,Carol,1995-01-01,UCPP,2026-02-01,," + due + "\n");
        clock.setDate(due.plusDays(28));
        assertThat(visible(mother)).isTrue();
        clock.setDate(due.plusDays(29));
        assertThat(visible(mother)).isFalse();
        records.purge(due.plusDays(29));
        assertThat(stored(mother)).isFalse();
    }

    @Test
    void the_daily_purge_is_scheduled_durably() {
        assertThat(jdbc.sql("select count(*) from scheduled_tasks where task_name = 'records-purge'")
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }
}
