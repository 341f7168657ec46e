package org.cpis.uploads;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.UUID;
import org.cpis.identity.Actor;
import org.cpis.shared.web.ErrorSummary;
import org.cpis.shared.web.ViewFormat;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The LA data manager's upload pages: past uploads, sending a file from the browser, and each upload's
 * acknowledgement with its rejected lines (line, reason and column, never what the line held).
 */
@Controller
class UploadPagesController {

    static final int LISTED_UPLOADS = 100;
    static final int LISTED_REJECTIONS = 1000;

    private final Uploads uploads;

    UploadPagesController(Uploads uploads) {
        this.uploads = uploads;
    }

    @GetMapping("/uploads")
    String list(Actor actor, Model model) {
        return listPage(actor, ErrorSummary.NONE, model);
    }

    @PostMapping("/uploads")
    String upload(Actor actor, @Valid @ModelAttribute("form") UploadForm form, BindingResult binding, Model model)
            throws IOException {
        if (binding.hasErrors()) {
            return listPage(actor, ErrorSummary.of(binding, "file"), model);
        }
        Acknowledgement ack;
        try (InputStream body = form.file().getInputStream()) {
            ack = uploads.upload(new UploadCommand(
                    actor.organisation(), null, actor.id(), actor.role().name(), UploadCommand.Channel.WEB, body));
        } catch (UploadRejectedException e) {
            // The service's refusals (sequence, limits) are written for the person who sent the file.
            binding.addError(new FieldError(binding.getObjectName(), "file", e.getMessage()));
            return listPage(actor, ErrorSummary.of(binding, "file"), model);
        }
        return "redirect:/uploads/" + ack.uploadId();
    }

    @GetMapping("/uploads/{id}")
    String show(Actor actor, @PathVariable String id, Model model) {
        Acknowledgement ack = find(actor, id);
        model.addAttribute("upload", ack);
        model.addAttribute("status", UploadViews.status(ack.status()));
        model.addAttribute("receivedAt", ViewFormat.dateTimeSeconds(ack.receivedAt()));
        model.addAttribute("problem", ack.problem() == null ? null : UploadViews.explain(ack.problem()));
        List<UploadViews.RejectionRow> rejections =
                uploads.rejections(actor.organisation(), ack.uploadId(), LISTED_REJECTIONS).stream()
                        .map(UploadViews::row)
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

    private String listPage(Actor actor, ErrorSummary errors, Model model) {
        model.addAttribute("errors", errors);
        model.addAttribute(
                "uploads",
                uploads.list(actor.organisation(), LISTED_UPLOADS).stream()
                        .map(UploadViews::row)
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
}
