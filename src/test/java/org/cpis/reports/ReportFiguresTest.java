package org.cpis.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cpis.CpisIntegrationTest;
import org.cpis.identity.Actor;
import org.cpis.identity.Role;
import org.cpis.shared.EnglandDate;
import org.cpis.shared.OdsCode;
import org.cpis.synthetic.SyntheticDataFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every figure of every report, national and an LA's own, against counts taken from the database's rows directly
 * (read raw and counted here, not with the reports' SQL), on the synthetic data set.
 */
@CpisIntegrationTest(properties = "cpis.test-hub=synthetic")
class ReportFiguresTest {

    @Autowired
    ApplicationContext hub;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ReportService reports;

    ReportScope national;
    ReportScope own;
    OdsCode la;

    @BeforeEach
    void generate() {
        SyntheticDataFixture.ensure(hub, 4000, 500, 3000, 0);
        la = new OdsCode(jdbc.sql("""
                select la_ods from notifications.notification group by 1 order by count(*) desc, 1 limit 1""").query(String.class).single());
        national = reports.scope(new Actor("admin", "Admin", Role.ADMINISTRATOR, new OdsCode("X24"), "NHS England"));
        own = reports.scope(new Actor("dm", "Data manager", Role.LA_DATA_MANAGER, la, "An LA"));
    }

    private Map<String, Integer> columns(ReportTable table) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < table.headers().size(); i++) {
            index.put(table.headers().get(i), i);
        }
        return index;
    }

    private Timestamp from(ReportScope scope) {
        return Timestamp.from(scope.from());
    }

    @Test
    void notifications_per_la_and_month() {
        record Row(String la, Timestamp at) {}
        List<Row> rows = jdbc.sql("select la_ods as la, created_at as at from notifications.notification")
                .query(Row.class)
                .list();
        Map<String, Long> expected = new HashMap<>();
        for (Row r : rows) {
            Instant at = r.at().toInstant();
            if (!at.isBefore(national.from()) && at.isBefore(national.to())) {
                YearMonth m = YearMonth.from(at.atZone(EnglandDate.ENGLAND));
                expected.merge(r.la() + " " + m.format(ActivityReports.MONTH), 1L, Long::sum);
            }
        }
        ReportTable table = reports.report(ReportKind.NOTIFICATIONS, national).table();
        assertThat(table.rows()).hasSizeGreaterThan(100);
        long cells = 0;
        for (List<String> row : table.rows()) {
            for (int i = 2; i < table.headers().size() - 1; i++) {
                String key = row.get(1) + " " + table.headers().get(i);
                assertThat(Long.parseLong(row.get(i))).as(key).isEqualTo(expected.getOrDefault(key, 0L));
                cells += Long.parseLong(row.get(i));
            }
        }
        assertThat(cells)
                .isEqualTo(expected.values().stream().mapToLong(Long::longValue).sum())
                .isPositive();

        ReportTable mine = reports.report(ReportKind.NOTIFICATIONS, own).table();
        assertThat(mine.rows()).hasSize(12);
        for (List<String> row : mine.rows()) {
            assertThat(Long.parseLong(row.get(1))).isEqualTo(expected.getOrDefault(la.value() + " " + row.get(0), 0L));
        }
    }

    @Test
    void accesses_by_care_setting_type_scheduled_and_unscheduled() {
        record Row(String type, boolean unscheduled, String nhs, Timestamp at) {}
        List<Row> rows = jdbc.sql("""
                select care_setting_type as type, unscheduled, nhs_number as nhs, accessed_at as at
                  from lookup.access""").query(Row.class).list();
        List<String> held = jdbc.sql("select nhs_number from records.record where la_ods = :la")
                .param("la", la.value())
                .query(String.class)
                .list();
        for (ReportScope scope : List.of(national, own)) {
            Map<String, Long> expected = new HashMap<>();
            for (Row r : rows) {
                boolean inScope = scope.national() || held.contains(r.nhs());
                if (inScope && !r.at().toInstant().isBefore(scope.from())) {
                    String name = org.cpis.organisations.CareSettingType.valueOf(r.type())
                            .displayName();
                    expected.merge(name + (r.unscheduled() ? " U" : " S"), 1L, Long::sum);
                }
            }
            ReportTable table = reports.report(ReportKind.ACCESSES, scope).table();
            long total = 0;
            for (List<String> row : table.rows()) {
                assertThat(Long.parseLong(row.get(1))).isEqualTo(expected.getOrDefault(row.get(0) + " U", 0L));
                assertThat(Long.parseLong(row.get(2))).isEqualTo(expected.getOrDefault(row.get(0) + " S", 0L));
                total += Long.parseLong(row.get(3));
            }
            assertThat(total)
                    .isEqualTo(expected.values().stream()
                            .mapToLong(Long::longValue)
                            .sum())
                    .isPositive();
        }
    }

    @Test
    void median_and_90th_percentile_review_time_per_la() {
        record Row(String la, Timestamp created, Timestamp closed) {}
        Map<String, List<Double>> hours = new HashMap<>();
        for (Row r :
                jdbc.sql("""
                select la_ods as la, created_at as created, closed_at as closed from notifications.notification
                 where status = 'CLOSED' and created_at >= :from""").param("from", from(national)).query(Row.class).list()) {
            hours.computeIfAbsent(r.la(), k -> new ArrayList<>())
                    .add(Duration.between(r.created().toInstant(), r.closed().toInstant())
                                    .toMillis()
                            / 3.6e6);
        }
        ReportTable table = reports.report(ReportKind.REVIEW_TIMES, national).table();
        assertThat(table.rows()).hasSize(hours.size());
        for (List<String> row : table.rows()) {
            List<Double> times = hours.get(row.get(1));
            times.sort(Double::compare);
            assertThat(Long.parseLong(row.get(2))).isEqualTo(times.size());
            assertThat(row.get(3)).as(row.get(1)).isEqualTo(String.format(Locale.ROOT, "%.1f", percentile(times, 0.5)));
            assertThat(row.get(4)).as(row.get(1)).isEqualTo(String.format(Locale.ROOT, "%.1f", percentile(times, 0.9)));
        }
        assertThat(reports.report(ReportKind.REVIEW_TIMES, own).table().rows())
                .singleElement()
                .satisfies(row -> assertThat(row.get(1)).isEqualTo(la.value()));
    }

    /** As PostgreSQL's percentile_cont: linear interpolation between the two nearest ranks. */
    private static double percentile(List<Double> sorted, double p) {
        double position = p * (sorted.size() - 1);
        int lower = (int) Math.floor(position);
        int upper = (int) Math.ceil(position);
        return sorted.get(lower) + (sorted.get(upper) - sorted.get(lower)) * (position - lower);
    }

    @Test
    void uploads_rejection_reasons_and_matched_nhs_numbers_per_la() {
        record Upload(String la, String status, int received, int rejected, int nhs) {}
        List<Upload> uploads =
                jdbc.sql("""
                select u.la_ods as la, u.status, u.received, u.rejected,
                       (select count(*) from uploads.rejection r where r.upload_id = u.id
                           and r.reason = 'INVALID_NHS_NUMBER') as nhs
                  from uploads.upload u where u.received_at >= :from""").param("from", from(national)).query(Upload.class).list();
        ReportTable table = reports.report(ReportKind.UPLOADS, national).table();
        Map<String, Integer> col = columns(table);
        assertThat(table.rows()).hasSize(153);
        for (List<String> row : table.rows()) {
            List<Upload> mine =
                    uploads.stream().filter(u -> u.la().equals(row.get(1))).toList();
            assertThat(Long.parseLong(row.get(col.get("Uploads")))).isEqualTo(mine.size());
            assertThat(Long.parseLong(row.get(col.get("Partially loaded"))))
                    .isEqualTo(mine.stream()
                            .filter(u -> u.status().equals("PARTIALLY_LOADED"))
                            .count());
            assertThat(Long.parseLong(row.get(col.get("Malformed"))))
                    .isEqualTo(mine.stream()
                            .filter(u -> u.status().equals("MALFORMED"))
                            .count());
            assertThat(Long.parseLong(row.get(col.get("Lines rejected"))))
                    .isEqualTo(mine.stream().mapToLong(Upload::rejected).sum());
        }

        ReportTable nhs = reports.report(ReportKind.NHS_NUMBERS, national).table();
        assertThat(nhs.rows()).hasSize(153);
        long below = 0;
        for (List<String> row : nhs.rows()) {
            List<Upload> mine =
                    uploads.stream().filter(u -> u.la().equals(row.get(1))).toList();
            long received = mine.stream().mapToLong(Upload::received).sum();
            long invalid = mine.stream().mapToLong(Upload::nhs).sum();
            double matched = 100.0 * (received - invalid) / received;
            assertThat(row.get(2)).isEqualTo(Long.toString(received));
            assertThat(row.get(3)).isEqualTo(Long.toString(invalid));
            assertThat(row.get(4)).isEqualTo(String.format(Locale.ROOT, "%.1f", matched));
            assertThat(row.get(5)).isEqualTo(matched >= 95.0 ? "Yes" : "No");
            below += matched < 95.0 ? 1 : 0;
        }
        assertThat(below).as("some LAs below the go-live line").isPositive().isLessThan(40);

        record Rejection(String la, String reason) {}
        Map<String, Long> expected = new HashMap<>();
        jdbc.sql("""
                select u.la_ods as la, r.reason from uploads.rejection r join uploads.upload u on u.id = r.upload_id
                 where u.la_ods = :la and u.received_at >= :from""")
                .param("la", la.value())
                .param("from", from(own))
                .query(Rejection.class)
                .list()
                .forEach(r -> expected.merge(r.reason().replace('_', ' ').toLowerCase(Locale.ROOT), 1L, Long::sum));
        ReportTable reasons = reports.report(ReportKind.REJECTIONS, own).table();
        assertThat(reasons.rows()).hasSize(expected.size());
        for (List<String> row : reasons.rows()) {
            assertThat(row.get(1)).isEqualTo(la.value());
            assertThat(Long.parseLong(row.get(3)))
                    .isEqualTo(expected.get(row.get(2).toLowerCase(Locale.ROOT)));
        }
    }

    @Test
    void records_by_plan_type_and_la_open_and_ended() {
        record Rec(String la, String type, boolean ended) {}
        Map<String, long[]> expected = new HashMap<>();
        jdbc.sql("""
                select la_ods as la, plan_type as type, end_date is not null and end_date <= :today as ended
                  from records.record where visible_until >= :today""")
                .param("today", java.sql.Date.valueOf(national.today()))
                .query(Rec.class)
                .list()
                .forEach(r -> expected.computeIfAbsent(r.la() + " " + r.type(), k -> new long[2])[r.ended() ? 1 : 0]++);
        for (ReportScope scope : List.of(national, own)) {
            ReportTable table = reports.report(ReportKind.RECORDS, scope).table();
            long total = 0;
            for (List<String> row : table.rows()) {
                String type = org.cpis.shared.PlanType.valueOf(
                                switch (row.get(2)) {
                                    case "Child protection plan" -> "CPP";
                                    case "Looked-after child" -> "LAC";
                                    default -> "UCPP";
                                })
                        .name();
                long[] n = expected.get(row.get(1) + " " + type);
                assertThat(Long.parseLong(row.get(3))).isEqualTo(n[0]);
                assertThat(Long.parseLong(row.get(4))).isEqualTo(n[1]);
                total += Long.parseLong(row.get(5));
            }
            long all = scope.national()
                    ? expected.values().stream().mapToLong(n -> n[0] + n[1]).sum()
                    : expected.entrySet().stream()
                            .filter(e -> e.getKey().startsWith(la.value() + " "))
                            .mapToLong(e -> e.getValue()[0] + e.getValue()[1])
                            .sum();
            assertThat(total).isEqualTo(all).isPositive();
        }
    }

    @Test
    void every_chart_is_svg_with_a_title_and_description_and_no_outside_reference() {
        for (ReportKind kind : ReportKind.values()) {
            String svg = reports.report(kind, national).chartSvg();
            assertThat(svg).startsWith("<svg").contains("<title id=\"chart-title\">", "<desc id=\"chart-desc\">");
            assertThat(svg).doesNotContain("href=\"http", "<script", "<image");
        }
        assertThat(reports.report(ReportKind.NHS_NUMBERS, national).chartSvg())
                .contains("95% go-live threshold", "below 95%");
    }
}
