package org.cpis.uploads;

import java.time.Instant;
import java.util.UUID;
import org.cpis.shared.web.ViewFormat;

/** How the upload pages show uploads: statuses in words with an NHS.UK tag colour, reasons explained. */
final class UploadViews {

    private UploadViews() {}

    /** A status as the pages show it: words and an NHS.UK tag colour. */
    record StatusView(String code, String text, String tagClass) {}

    record UploadRow(
            UUID id,
            long sequence,
            String receivedAt,
            Instant receivedInstant,
            String channel,
            StatusView status,
            int received,
            int loaded,
            int rejected) {}

    record RejectionRow(int line, String reason, String explanation, String column) {}

    static UploadRow row(UploadSummary u) {
        return new UploadRow(
                u.uploadId(),
                u.sequence(),
                ViewFormat.dateTimeSeconds(u.receivedAt()),
                u.receivedAt(),
                channelName(u.channel()),
                status(u.status()),
                u.received(),
                u.loaded(),
                u.rejected());
    }

    static RejectionRow row(Rejection r) {
        return new RejectionRow(r.line(), r.reason().name(), explain(r.reason()), r.column());
    }

    static String channelName(UploadCommand.Channel channel) {
        return switch (channel) {
            case WEB -> "Web page";
            case API -> "Case system (API)";
            case MESH -> "Case system (MESH)";
        };
    }

    static StatusView status(UploadStatus status) {
        return switch (status) {
            case ALL_LOADED -> new StatusView(status.name(), "All loaded", "nhsuk-tag--green");
            case PARTIALLY_LOADED -> new StatusView(status.name(), "Partially loaded", "nhsuk-tag--yellow");
            case NONE_LOADED -> new StatusView(status.name(), "None loaded", "nhsuk-tag--red");
            case MALFORMED -> new StatusView(status.name(), "File not readable", "nhsuk-tag--red");
        };
    }

    static String explain(RejectionReason reason) {
        return switch (reason) {
            case INVALID_NHS_NUMBER -> "The NHS number is not 10 digits with a valid check digit";
            case MISSING_FIELD -> "A required field is empty";
            case INVALID_DATE -> "The date is not a real date in the form YYYY-MM-DD, or is impossible";
            case END_BEFORE_START -> "The end date is before the start date";
            case START_IN_FUTURE -> "The start date is in the future";
            case UNKNOWN_PLAN_TYPE -> "The plan type is not CPP, LAC or UCPP";
            case EXPECTED_DELIVERY_DATE_REQUIRED ->
                "An unborn child protection plan (UCPP) needs an expected delivery date";
            case AGED_18_OR_OVER -> "The child is 18 or over, so a child protection or looked-after plan has ended";
            case DUPLICATE_IN_FILE ->
                "The same NHS number and plan type appear more than once in the file; none of those lines were loaded";
            case WRONG_NUMBER_OF_FIELDS -> "The line has more or fewer fields than the header row";
            case FIELD_TOO_LONG -> "A field is longer than its column allows";
            case INVALID_CHARACTERS -> "A field holds control characters or bytes that are not UTF-8";
            case INVALID_EMAIL -> "The allocated worker is not an email address";
            case FIELD_NOT_ALLOWED ->
                "The field is not allowed for this plan type (an expected delivery date on a CPP or LAC line, or a"
                        + " mother's NHS number on a UCPP line)";
        };
    }

    static String explain(MalformedProblem problem) {
        return switch (problem) {
            case EMPTY_FILE -> "The file is empty.";
            case NOT_CSV -> "The file could not be read as CSV (for example, a quoted field is not closed).";
            case UNKNOWN_COLUMN -> "The header row names a column CP-IS does not know.";
            case MISSING_COLUMN -> "The header row is missing a required column.";
            case DUPLICATE_COLUMN -> "The header row names a column more than once.";
            case NOT_HL7V3 -> "The MESH file could not be read as an HL7 v3 upload (REPC_MT000002GB01).";
        };
    }
}
