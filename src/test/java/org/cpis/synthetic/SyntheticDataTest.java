package org.cpis.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.cpis.CpisIntegrationTest;
import org.cpis.records.RecordRules;
import org.cpis.shared.EnglandDate;
import org.cpis.shared.NhsNumber;
import org.cpis.shared.PlanType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The synthetic national data set, at a small size, on a hub of its own: valid, in the national mix, complete. */
@CpisIntegrationTest(properties = "cpis.test-hub=synthetic")
class SyntheticDataTest {

    @Autowired
    ApplicationContext hub;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @BeforeEach
    void generate() {
        SyntheticDataFixture.ensure(hub, 4000, 500, 3000, 0);
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    @Test
    void every_la_holds_records_with_valid_999_range_nhs_numbers_in_the_national_mix() {
        assertThat(count("select count(*) from records.record")).isBetween(3900L, 4100L);
        assertThat(count("select count(distinct la_ods) from records.record")).isEqualTo(153);
        assertThat(count("select count(*) from organisations.organisation where kind = 'HEALTH'"))
                .isEqualTo(500);
        List<String> numbers = jdbc.sql("select nhs_number from records.record")
                .query(String.class)
                .list();
        assertThat(numbers).allSatisfy(n -> {
            assertThat(n).startsWith("999");
            assertThat(NhsNumber.isValid(n)).as(n).isTrue();
        });
        assertThat(numbers).doesNotHaveDuplicates();
        Map<String, Long> mix = jdbc
                .sql("select plan_type, count(*) from records.record group by 1")
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .list()
                .stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(mix.get("LAC")).isGreaterThan(mix.get("CPP"));
        assertThat(mix.get("UCPP")).isBetween(40L, 250L);
        assertThat(count("select count(*) from records.record where end_date is not null"))
                .isGreaterThan(200);
    }

    @Test
    void every_record_is_visible_today_by_the_hubs_own_rule() {
        LocalDate today = EnglandDate.today(clock);
        record Row(String planType, Date dob, Date end, Date edd, Date visibleUntil, Date start) {}
        List<Row> rows = jdbc.sql("""
                select plan_type, date_of_birth as dob, end_date as "end", expected_delivery_date as edd,
                       visible_until, start_date as start
                  from records.record""").query(Row.class).list();
        assertThat(rows).allSatisfy(r -> {
            LocalDate expected = RecordRules.visibleUntil(
                    PlanType.valueOf(r.planType()),
                    r.dob().toLocalDate(),
                    r.end() == null ? null : r.end().toLocalDate(),
                    r.edd() == null ? null : r.edd().toLocalDate(),
                    null);
            assertThat(r.visibleUntil().toLocalDate()).isEqualTo(expected);
            assertThat(RecordRules.visibleOn(today, r.start().toLocalDate(), expected))
                    .isTrue();
        });
    }

    @Test
    void a_year_of_accesses_notifications_reviews_uploads_and_their_audit_entries() {
        assertThat(count("select count(*) from lookup.access")).isEqualTo(3000);
        long unscheduled = count("select count(*) from lookup.access where unscheduled");
        assertThat(unscheduled).isBetween(1900L, 2300L);
        assertThat(count("select count(*) from notifications.notification")).isEqualTo(unscheduled);
        assertThat(count("select count(*) from notifications.delivery where status = 'DELIVERED'"))
                .isEqualTo(unscheduled);
        assertThat(count("select count(*) from notifications.notification where status = 'CLOSED'"))
                .isGreaterThan(unscheduled * 9 / 10);
        assertThat(count("""
                select count(*) from lookup.access
                 where accessed_at < now() - interval '300 days'""")).isGreaterThan(0);
        assertThat(count("select count(*) from uploads.upload")).isEqualTo(153 * 52);
        assertThat(count("select count(*) from uploads.rejection where reason = 'INVALID_NHS_NUMBER'"))
                .isGreaterThan(0);
        assertThat(count("select count(*) from audit.event where action like 'LOOKUP_%' and outcome = 'FOUND'"))
                .isGreaterThanOrEqualTo(3000);
        assertThat(count("""
                        select count(*) from audit.event e
                         where not exists (select from audit.seal s where s.event_id = e.id)""")).isZero();
    }

    @Test
    void refuses_a_hub_that_already_holds_records() {
        SyntheticData generator = hub.getBean(SyntheticData.class);
        assertThatThrownBy(() -> generator.generate(new SyntheticDataProperties(10, 0, 0, 0, 0.1, true, true)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("empty hub");
    }
}
