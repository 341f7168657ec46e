package org.cpis.uploads;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.UUID;
import org.cpis.identity.Actor;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/uploads} for LA case-management systems (docs/interfaces.md section 3). */
@RestController
class UploadApiController {

    static final String SEQUENCE_RANGE = "Upload-Sequence must be a whole number from 1 to " + Uploads.MAX_SEQUENCE;

    private final Uploads uploads;

    UploadApiController(Uploads uploads) {
        this.uploads = uploads;
    }

    @PostMapping(path = "/api/v1/uploads", consumes = "text/csv")
    void upload(
            Actor actor,
            @RequestHeader(name = "Upload-Sequence", required = false) String sequenceHeader,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        long sequence = parseSequence(sequenceHeader);
        Acknowledgement ack = uploads.upload(new UploadCommand(
                actor.organisation(),
                sequence,
                actor.id(),
                actor.role().name(),
                UploadCommand.Channel.API,
                request.getInputStream()));
        write(ack, response);
    }

    @GetMapping("/api/v1/uploads/{id}")
    ResponseEntity<?> find(Actor actor, @PathVariable UUID id, HttpServletResponse response) throws IOException {
        var ack = uploads.find(actor.organisation(), id);
        if (ack.isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No such upload for your authority"));
        }
        write(ack.get(), response);
        return null;
    }

    @GetMapping("/api/v1/uploads")
    List<UploadSummary> list(Actor actor, @RequestParam(defaultValue = "50") int limit) {
        return uploads.list(actor.organisation(), Math.max(1, Math.min(limit, 500)));
    }

    private static void write(Acknowledgement ack, HttpServletResponse response) throws IOException {
        response.setStatus(200);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setHeader("Location", "/api/v1/uploads/" + ack.uploadId());
        try (OutputStream out = response.getOutputStream()) {
            ack.writeJson(out);
        }
    }

    private static long parseSequence(String header) {
        if (header == null || header.isBlank()) {
            throw new BadUploadRequest("The Upload-Sequence header is required");
        }
        try {
            long value = Long.parseLong(header.trim());
            if (value <= 0 || value > Uploads.MAX_SEQUENCE) {
                throw new BadUploadRequest(SEQUENCE_RANGE);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new BadUploadRequest(SEQUENCE_RANGE);
        }
    }

    static final class BadUploadRequest extends RuntimeException {
        BadUploadRequest(String message) {
            super(message);
        }
    }

    @ExceptionHandler(BadUploadRequest.class)
    ResponseEntity<ProblemDetail> badRequest(BadUploadRequest e) {
        return problem(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(UploadRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(UploadRejectedException e) {
        HttpStatus status = switch (e.kind()) {
            case SEQUENCE_TOO_LOW, SEQUENCE_EXHAUSTED -> HttpStatus.CONFLICT;
            case SEQUENCE_OUT_OF_RANGE -> HttpStatus.BAD_REQUEST;
            case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
        };
        return problem(status, e.getMessage());
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemDetail.forStatusAndDetail(status, detail));
    }
}
