package org.cpis.reports;

import java.util.Arrays;
import java.util.Optional;

/** The reports the hub offers, each at /reports/{path} and /reports/{path}.csv. */
enum ReportKind {
    NOTIFICATIONS(
            "notifications",
            "Notifications per month",
            "Notifications of unscheduled-care accesses sent to each local authority, by calendar month."),
    ACCESSES(
            "accesses",
            "Accesses by care setting",
            "Health staff's checks of CP-IS by the type of care setting they work in, scheduled and unscheduled."),
    REVIEW_TIMES(
            "review-times",
            "Time to review notifications",
            "Median and 90th-percentile time from a notification to its review (closed), per local authority."),
    UPLOADS("uploads", "Uploads", "Files each local authority sent, by the outcome of the upload."),
    REJECTIONS("rejection-reasons", "Rejected lines by reason", "Lines of uploads rejected, by reason."),
    NHS_NUMBERS(
            "nhs-numbers",
            "Matched NHS numbers",
            "Each local authority's share of lines sent with a valid NHS number, against the 95% go-live threshold."),
    RECORDS(
            "records",
            "Records by plan type",
            "Plans CP-IS holds and shows to health staff today, open and ended but still visible.");

    private final String path;
    private final String title;
    private final String description;

    ReportKind(String path, String title, String description) {
        this.path = path;
        this.title = title;
        this.description = description;
    }

    public String path() {
        return path;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    static Optional<ReportKind> byPath(String path) {
        return Arrays.stream(values()).filter(k -> k.path.equals(path)).findFirst();
    }
}
