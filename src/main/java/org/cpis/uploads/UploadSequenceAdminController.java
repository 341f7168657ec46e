package org.cpis.uploads;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.cpis.identity.Actor;
import org.cpis.organisations.LocalAuthority;
import org.cpis.organisations.Organisations;
import org.cpis.shared.InvalidIdentifierException;
import org.cpis.shared.OdsCode;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/** The administrator's way on for an LA whose Upload-Sequence counter is stuck: see it, and reset it (audited). */
@Controller
class UploadSequenceAdminController {

    static final String PATH = "/admin/organisations/{ods}/upload-sequence";

    private final Uploads uploads;
    private final Organisations organisations;

    UploadSequenceAdminController(Uploads uploads, Organisations organisations) {
        this.uploads = uploads;
        this.organisations = organisations;
    }

    @GetMapping(PATH)
    String show(@PathVariable String ods, Model model) {
        LocalAuthority la = localAuthority(ods);
        model.addAttribute("la", la);
        model.addAttribute("last", uploads.lastSequence(la.odsCode()));
        model.addAttribute("max", Uploads.MAX_SEQUENCE);
        return "admin/upload-sequence";
    }

    @PostMapping(PATH)
    String reset(Actor actor, @PathVariable String ods) {
        LocalAuthority la = localAuthority(ods);
        uploads.resetSequence(
                la.odsCode(),
                actor.id(),
                actor.role().name(),
                actor.organisation().value());
        return "redirect:/admin/organisations/" + la.odsCode().value() + "/upload-sequence?reset";
    }

    private LocalAuthority localAuthority(String ods) {
        try {
            return organisations.localAuthority(OdsCode.of(ods)).orElseThrow(NotALocalAuthority::new);
        } catch (InvalidIdentifierException e) {
            throw new NotALocalAuthority();
        }
    }

    private static final class NotALocalAuthority extends RuntimeException {
        NotALocalAuthority() {
            super(null, null, false, false);
        }
    }

    @ExceptionHandler(NotALocalAuthority.class)
    void notFound(HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
}
