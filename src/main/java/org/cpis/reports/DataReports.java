package org.cpis.reports;

import static org.cpis.reports.ActivityReports.numeric;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.cpis.records.RecordFigures;
import org.cpis.shared.OdsCode;
import org.cpis.shared.PlanType;
import org.cpis.uploads.RejectionReason;
import org.cpis.uploads.UploadFigures;
import org.springframework.stereotype.Component;

/** The reports on the data LAs send: uploads, rejected lines, matched NHS numbers and the records held. */
@Component
class DataReports {

    /** NHS England's go-live condition: 95% of an LA's records matched to an NHS number. */
    static final double GO_LIVE_THRESHOLD = 95.0;

    private final UploadFigures uploads;
    private final RecordFigures records;

    DataReports(UploadFigures uploads, RecordFigures records) {
        this.uploads = uploads;
        this.records = records;
    }

    private static final List<String> UPLOAD_COLUMNS = List.of(
            "Local authority",
            "ODS code",
            "Uploads",
            "All loaded",
            "Partially loaded",
            "None loaded",
            "Malformed",
            "Lines received",
            "Lines rejected");

    Report uploads(ReportScope scope, LaNames names) {
        List<UploadFigures.LaUploads> perLa = sorted(uploads.perLa(scope.la(), scope.from(), scope.to()), names);
        long[] byStatus = new long[4];
        List<List<String>> rows = new ArrayList<>();
        for (UploadFigures.LaUploads u : perLa) {
            byStatus[0] += u.allLoaded();
            byStatus[1] += u.partiallyLoaded();
            byStatus[2] += u.noneLoaded();
            byStatus[3] += u.malformed();
            rows.add(List.of(
                    names.name(u.la()),
                    u.la().value(),
                    n(u.uploads()),
                    n(u.allLoaded()),
                    n(u.partiallyLoaded()),
                    n(u.noneLoaded()),
                    n(u.malformed()),
                    n(u.linesReceived()),
                    n(u.linesRejected())));
        }
        List<BarChart.Group> groups = statusGroups(byStatus);
        ReportTable table = new ReportTable("Uploads per local authority", UPLOAD_COLUMNS, numeric(2, 7), rows);
        String svg = BarChart.svg(
                "chart",
                "Uploads by outcome",
                "Bar chart of uploads by outcome; figures per local authority in the table.",
                List.of("Uploads"),
                groups);
        return new Report(ReportKind.UPLOADS, svg, table);
    }

    private static List<BarChart.Group> statusGroups(long[] byStatus) {
        String[] labels = {"All loaded", "Partially loaded", "None loaded", "Malformed"};
        List<BarChart.Group> groups = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            groups.add(BarChart.Group.of(labels[i], byStatus[i], n(byStatus[i])));
        }
        return groups;
    }

    Report rejections(ReportScope scope, LaNames names) {
        Map<RejectionReason, Long> total = new EnumMap<>(RejectionReason.class);
        List<UploadFigures.ReasonCount> counts =
                new ArrayList<>(uploads.rejectionReasons(scope.la(), scope.from(), scope.to()));
        counts.sort(Comparator.comparing(UploadFigures.ReasonCount::la, names.byName())
                .thenComparing(UploadFigures.ReasonCount::reason));
        List<List<String>> rows = new ArrayList<>();
        for (UploadFigures.ReasonCount c : counts) {
            total.merge(c.reason(), c.lines(), Long::sum);
            rows.add(List.of(names.name(c.la()), c.la().value(), reason(c.reason()), n(c.lines())));
        }
        List<BarChart.Group> groups = total.entrySet().stream()
                .map(e -> BarChart.Group.of(reason(e.getKey()), e.getValue(), n(e.getValue())))
                .toList();
        ReportTable table = new ReportTable(
                "Rejected lines per local authority and reason",
                List.of("Local authority", "ODS code", "Reason", "Lines"),
                numeric(3, 1),
                rows);
        String svg = BarChart.svg(
                "chart",
                "Rejected lines by reason",
                "Bar chart of rejected lines by reason; figures per local authority in the table.",
                List.of("Lines"),
                groups);
        return new Report(ReportKind.REJECTIONS, svg, table);
    }

    /** Every LA in scope is listed, those that sent nothing as "No uploads": they cannot go live either. */
    Report nhsNumbers(ReportScope scope, LaNames names) {
        Map<OdsCode, UploadFigures.LaUploads> perLa = new TreeMap<>(names.byName());
        uploads.perLa(scope.la(), scope.from(), scope.to()).forEach(u -> perLa.put(u.la(), u));
        if (scope.national()) {
            names.names().keySet().forEach(la -> perLa.putIfAbsent(la, null));
        } else {
            perLa.putIfAbsent(scope.la().orElseThrow(), null);
        }
        List<BarChart.Group> groups = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        perLa.forEach((la, u) -> matched(names.name(la), la, u, groups, rows));
        ReportTable table = new ReportTable(
                "Lines with a valid NHS number, per local authority",
                List.of(
                        "Local authority",
                        "ODS code",
                        "Lines received",
                        "Rejected for the NHS number",
                        "Matched (%)",
                        "Meets 95%"),
                List.of(false, false, true, true, true, false),
                rows);
        String svg = BarChart.svg(
                "chart",
                "Matched NHS numbers",
                "Bar chart of the percentage of lines with a valid NHS number per local authority, with a dashed"
                        + " line at the 95% go-live threshold; figures in the table.",
                List.of("Matched"),
                groups,
                new BarChart.Threshold(GO_LIVE_THRESHOLD, "95% go-live threshold"));
        return new Report(ReportKind.NHS_NUMBERS, svg, table);
    }

    private static void matched(
            String name, OdsCode la, UploadFigures.LaUploads u, List<BarChart.Group> groups, List<List<String>> rows) {
        if (u == null || u.linesReceived() == 0) {
            rows.add(List.of(name, la.value(), "0", "0", "", "No uploads"));
            return;
        }
        double matched = matchedPercent(u);
        String percent = String.format(Locale.ROOT, "%.1f", matched);
        boolean meets = matched >= GO_LIVE_THRESHOLD;
        groups.add(BarChart.Group.of(name, matched, percent + "%" + (meets ? "" : " – below 95%")));
        rows.add(List.of(
                name, la.value(), n(u.linesReceived()), n(u.invalidNhsNumbers()), percent, meets ? "Yes" : "No"));
    }

    static double matchedPercent(UploadFigures.LaUploads u) {
        return 100.0 * (u.linesReceived() - u.invalidNhsNumbers()) / u.linesReceived();
    }

    Report records(ReportScope scope, LaNames names) {
        List<RecordFigures.PlanCount> counts = new ArrayList<>(records.plansHeld(scope.la(), scope.today()));
        counts.sort(Comparator.comparing(RecordFigures.PlanCount::la, names.byName())
                .thenComparing(RecordFigures.PlanCount::planType));
        Map<PlanType, long[]> total = new EnumMap<>(PlanType.class);
        for (PlanType t : PlanType.values()) {
            total.put(t, new long[2]);
        }
        List<List<String>> rows = new ArrayList<>();
        for (RecordFigures.PlanCount c : counts) {
            total.get(c.planType())[0] += c.open();
            total.get(c.planType())[1] += c.endedStillVisible();
            rows.add(List.of(
                    names.name(c.la()),
                    c.la().value(),
                    c.planType().displayName(),
                    n(c.open()),
                    n(c.endedStillVisible()),
                    n(c.total())));
        }
        List<BarChart.Group> groups = total.entrySet().stream()
                .map(e -> new BarChart.Group(
                        e.getKey().displayName(),
                        BarChart.values(e.getValue()[0], e.getValue()[1]),
                        List.of(n(e.getValue()[0]), n(e.getValue()[1]))))
                .toList();
        ReportTable table = new ReportTable(
                "Records per local authority and plan type",
                List.of("Local authority", "ODS code", "Plan type", "Open", "Ended, still visible", "Total"),
                numeric(3, 3),
                rows);
        String svg = BarChart.svg(
                "chart",
                "Records by plan type",
                "Bar chart: for each plan type, open plans (solid bar) and ended plans still visible (hatched"
                        + " bar); figures per local authority in the table.",
                List.of("Open", "Ended, still visible"),
                groups);
        return new Report(ReportKind.RECORDS, svg, table);
    }

    private static List<UploadFigures.LaUploads> sorted(List<UploadFigures.LaUploads> list, LaNames names) {
        List<UploadFigures.LaUploads> copy = new ArrayList<>(list);
        copy.sort(Comparator.comparing(UploadFigures.LaUploads::la, names.byName()));
        return copy;
    }

    private static String reason(RejectionReason reason) {
        String words = reason.name().replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1).replace("nhs", "NHS");
    }

    private static String n(long value) {
        return Long.toString(value);
    }
}
