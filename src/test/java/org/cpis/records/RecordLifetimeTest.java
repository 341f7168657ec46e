package org.cpis.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.util.function.Consumer;
import org.cpis.CpisIntegrationTest;
import org.cpis.UploadSequences;
import org.cpis.audit.Audit;
import org.cpis.shared.OdsCode;
import org.cpis.shared.PlanType;
import org.cpis.uploads.UploadCommand;
import org.cpis.uploads.Uploads;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import testsupport.TestClock;
import testsupport.TestNhsNumbers;
import testsupport.TestRecord;
import testsupport.UploadFile;

/**
 * The life of a record from upload to purge, with the hub's clock moved to each rule's boundary: a hub and database
 * of its own, since the purge removes whatever is past its time.
 */
@CpisIntegrationTest(properties = "test-clock.start=2026-03-10T12:00:00Z")
class RecordLifetimeTest {

    static final OdsCode LA = new OdsCode("E08000025");

    @Autowired
    TestClock clock;

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

    private void upload(Consumer<TestRecord> row) {
        uploads.upload(new UploadCommand(
                LA,
                UploadSequences.next(),
                "test-system",
                "LA_SYSTEM",
                UploadCommand.Channel.API,
                new ByteArrayInputStream(UploadFile.builder().row(row).bytes())));
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
        upload(r -> r.nhsNumber(nhs).endDate("2026-03-01"));

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
        upload(r -> r.nhsNumber(nhs)
                .dateOfBirth(eighteenth.minusYears(18))
                .planType(PlanType.LAC)
                .startDate("2020-01-01"));
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
        upload(r -> r.nhsNumber(mother)
                .familyName("Jones")
                .givenNames("Carol")
                .dateOfBirth("1995-01-01")
                .planType(PlanType.UCPP)
                .startDate("2026-02-01")
                .expectedDeliveryDate(due));
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
