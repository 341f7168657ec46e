package org.cpis.reports;

import java.time.Duration;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.cpis.lookup.AccessFigures;
import org.cpis.notifications.NotificationFigures;
import org.cpis.organisations.CareSettingType;
import org.cpis.shared.OdsCode;
import org.springframework.stereotype.Component;

/** The reports on what health staff and LAs did: notifications, accesses and review times. */
@Component
class ActivityReports {

    static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM yyyy", Locale.UK);
    static final String NOT_RECORDED = "Not recorded";

    private final NotificationFigures notifications;
    private final AccessFigures accesses;

    ActivityReports(NotificationFigures notifications, AccessFigures accesses) {
        this.notifications = notifications;
        this.accesses = accesses;
    }

    /** Chart: notifications per month in the scope; table: one row per LA (national) or per month (an LA). */
    Report notifications(ReportScope scope, LaNames names) {
        List<NotificationFigures.MonthCount> counts = notifications.perMonth(scope.la(), scope.from(), scope.to());
        List<YearMonth> months = scope.months();
        Map<YearMonth, Long> total = new TreeMap<>();
        Map<OdsCode, Map<YearMonth, Long>> byLa = new TreeMap<>(names.byName());
        for (NotificationFigures.MonthCount c : counts) {
            total.merge(c.month(), c.notifications(), Long::sum);
            byLa.computeIfAbsent(c.la(), la -> new TreeMap<>()).put(c.month(), c.notifications());
        }
        List<BarChart.Group> groups = months.stream()
                .map(m -> BarChart.Group.of(
                        m.format(MONTH), total.getOrDefault(m, 0L), Long.toString(total.getOrDefault(m, 0L))))
                .toList();
        ReportTable table = scope.national()
                ? perLaTable(months, byLa, names)
                : new ReportTable(
                        "Notifications per month",
                        List.of("Month", "Notifications"),
                        numeric(1, 1),
                        months.stream()
                                .map(m -> List.of(m.format(MONTH), Long.toString(total.getOrDefault(m, 0L))))
                                .toList());
        String svg = BarChart.svg(
                "chart",
                "Notifications per month",
                "Bar chart of notifications per month; figures in the table.",
                List.of("Notifications"),
                groups);
        return new Report(ReportKind.NOTIFICATIONS, svg, table);
    }

    private static ReportTable perLaTable(
            List<YearMonth> months, Map<OdsCode, Map<YearMonth, Long>> byLa, LaNames names) {
        List<String> headers = new ArrayList<>(List.of("Local authority", "ODS code"));
        months.forEach(m -> headers.add(m.format(MONTH)));
        headers.add("Total");
        List<List<String>> rows = new ArrayList<>();
        byLa.forEach((la, perMonth) -> {
            List<String> row = new ArrayList<>(List.of(names.name(la), la.value()));
            months.forEach(m -> row.add(Long.toString(perMonth.getOrDefault(m, 0L))));
            row.add(Long.toString(
                    perMonth.values().stream().mapToLong(Long::longValue).sum()));
            rows.add(row);
        });
        return new ReportTable(
                "Notifications per local authority and month", headers, numeric(2, months.size() + 1), rows);
    }

    /** Accesses by care-setting type: two bars each, unscheduled (solid) and scheduled (hatched). */
    Report accesses(ReportScope scope) {
        Map<String, long[]> byType = new LinkedHashMap<>();
        for (CareSettingType type : CareSettingType.values()) {
            byType.put(type.name(), new long[2]);
        }
        for (AccessFigures.AccessCount c : accesses.byCareSettingType(scope.la(), scope.from(), scope.to())) {
            String type = c.careSettingType() == null ? NOT_RECORDED : c.careSettingType();
            byType.computeIfAbsent(type, t -> new long[2])[c.unscheduled() ? 0 : 1] += c.count();
        }
        List<BarChart.Group> groups = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        byType.forEach((type, n) -> {
            if (n[0] + n[1] == 0) {
                return;
            }
            String name = displayName(type);
            groups.add(new BarChart.Group(
                    name, BarChart.values(n[0], n[1]), List.of(Long.toString(n[0]), Long.toString(n[1]))));
            rows.add(List.of(name, Long.toString(n[0]), Long.toString(n[1]), Long.toString(n[0] + n[1])));
        });
        ReportTable table = new ReportTable(
                "Accesses by care setting type",
                List.of("Care setting type", "Unscheduled", "Scheduled", "Total"),
                numeric(1, 3),
                rows);
        String svg = BarChart.svg(
                "chart",
                "Accesses by care setting type",
                "Bar chart: for each care setting type, unscheduled accesses (solid bar) and scheduled accesses"
                        + " (hatched bar); figures in the table.",
                List.of("Unscheduled", "Scheduled"),
                groups);
        return new Report(ReportKind.ACCESSES, svg, table);
    }

    /** Median and 90th percentile, in hours, per LA. */
    Report reviewTimes(ReportScope scope, LaNames names) {
        List<NotificationFigures.ReviewTime> times =
                new ArrayList<>(notifications.reviewTimes(scope.la(), scope.from(), scope.to()));
        times.sort(Comparator.comparing(NotificationFigures.ReviewTime::la, names.byName()));
        List<BarChart.Group> groups = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (NotificationFigures.ReviewTime t : times) {
            String median = hours(t.median());
            String p90 = hours(t.percentile90());
            groups.add(new BarChart.Group(
                    names.name(t.la()),
                    BarChart.values(
                            t.median().toMillis() / 3.6e6, t.percentile90().toMillis() / 3.6e6),
                    List.of(median + " h", p90 + " h")));
            rows.add(List.of(names.name(t.la()), t.la().value(), Long.toString(t.reviewed()), median, p90));
        }
        ReportTable table = new ReportTable(
                "Hours from notification to review, per local authority",
                List.of("Local authority", "ODS code", "Reviewed", "Median (hours)", "90th percentile (hours)"),
                numeric(2, 3),
                rows);
        String svg = BarChart.svg(
                "chart",
                "Hours from notification to review",
                "Bar chart: for each local authority, the median (solid bar) and 90th-percentile (hatched bar)"
                        + " hours from a notification to its review; figures in the table.",
                List.of("Median", "90th percentile"),
                groups);
        return new Report(ReportKind.REVIEW_TIMES, svg, table);
    }

    static String hours(Duration d) {
        return String.format(Locale.ROOT, "%.1f", d.toMillis() / 3.6e6);
    }

    private static String displayName(String type) {
        try {
            return CareSettingType.valueOf(type).displayName();
        } catch (IllegalArgumentException e) {
            return type;
        }
    }

    /** Text columns first, then {@code count} number columns. */
    static List<Boolean> numeric(int textColumns, int count) {
        List<Boolean> flags = new ArrayList<>();
        for (int i = 0; i < textColumns; i++) {
            flags.add(false);
        }
        for (int i = 0; i < count; i++) {
            flags.add(true);
        }
        return flags;
    }
}
