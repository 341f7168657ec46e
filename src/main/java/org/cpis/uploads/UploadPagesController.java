package org.cpis.uploads;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.cpis.identity.Actor;
import org.cpis.shared.EnglandDate;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The LA data manager's upload pages: past uploads, sending a file from the browser, and each upload's
 * acknowledgement with its rejected lines (line, reason and column, never what the line held).
 */
@Controller
class UploadPagesController {

    static final int LISTED_UPLOADS = 100;
    static final int LISTED_REJECTIONS = 1000;

    private static final DateTimeFormatter RECEIVED =
            DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm:ss", Locale.UK).withZone(EnglandDate.ENGLAND);

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

    private final Uploads uploads;

    UploadPagesController(Uploads uploads) {
        this.uploads = uploads;
    }

    @GetMapping("/uploads")
    String list(Actor actor, Model model) {
        return listPage(actor, model, null);
    }

    @PostMapping("/uploads")
    String upload(Actor actor, @RequestParam(name = "file", required = false) MultipartFile file, Model model)
            throws IOException {
        if (file == null
                || file.getOriginalFilename() == null
                || file.getOriginalFilename().isBlank()) {
            return listPage(actor, model, "Select a CSV file");
        }
        if (file.isEmpty()) {
            return listPage(actor, model, "The selected file is empty");
        }
        Acknowledgement ack;
        try (InputStream body = file.getInputStream()) {
            ack = uploads.upload(new UploadCommand(
                    actor.organisation(), null, actor.id(), actor.role().name(), UploadCommand.Channel.WEB, body));
        } catch (UploadRejectedException e) {
            return listPage(actor, model, e.getMessage());
        }
        return "redirect:/uploads/" + ack.uploadId();
    }

    @GetMapping("/uploads/{id}")
    String show(Actor actor, @PathVariable String id, Model model) {
        Acknowledgement ack = find(actor, id);
        model.addAttribute("upload", ack);
        model.addAttribute("status", status(ack.status()));
        model.addAttribute("receivedAt", RECEIVED.format(ack.receivedAt()));
        model.addAttribute("problem", ack.problem() == null ? null : explain(ack.problem()));
        List<RejectionRow> rejections =
                uploads.rejections(actor.organisation(), ack.uploadId(), LISTED_REJECTIONS).stream()
                        .map(r -> new RejectionRow(r.line(), r.reason().name(), explain(r.reason()), r.column()))
                        .toList();
        model.addAttribute("rejections", rejections);
        model.addAttribute("rejectionsLimited", ack.rejected() > rejections.size());
        return "uploads/upload";
    }

    @GetMapping("/uploads/{id}/acknowledgement.json")
    void acknowledgement(Actor actor, @PathVariable String id, HttpServletResponse response) throws IOException {
        Acknowledgement ack = find(actor, id);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setHeader(
                "Content-Disposition", "attachment; filename=\"upload-" + ack.sequence() + "-acknowledgement.json\"");
        try (OutputStream out = response.getOutputStream()) {
            ack.writeJson(out);
        }
    }

    private String listPage(Actor actor, Model model, String error) {
        model.addAttribute("error", error);
        model.addAttribute(
                "uploads",
                uploads.list(actor.organisation(), LISTED_UPLOADS).stream()
                        .map(UploadPagesController::row)
                        .toList());
        return "uploads/list";
    }

    /** Another LA's upload, or an id that is not one, is simply not found. */
    private Acknowledgement find(Actor actor, String id) {
        UUID uploadId;
        try {
            uploadId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new UploadNotFound();
        }
        return uploads.find(actor.organisation(), uploadId).orElseThrow(UploadNotFound::new);
    }

    private static final class UploadNotFound extends RuntimeException {
        UploadNotFound() {
            super(null, null, false, false);
        }
    }

    /** The hub's own "Page not found" page (not a problem+json body, as an API would answer). */
    @ExceptionHandler(UploadNotFound.class)
    void notFound(HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }

    private static UploadRow row(UploadSummary u) {
        return new UploadRow(
                u.uploadId(),
                u.sequence(),
                RECEIVED.format(u.receivedAt()),
                u.receivedAt(),
                "WEB".equals(u.channel()) ? "Web page" : "API".equals(u.channel()) ? "Case system (API)" : u.channel(),
                status(u.status()),
                u.received(),
                u.loaded(),
                u.rejected());
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
        };
    }
}
