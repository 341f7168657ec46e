package org.cpis.missingalerts;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.io.IOException;
import java.util.UUID;
import org.cpis.identity.Actor;
import org.cpis.shared.NhsNumber;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Report a missing alert": a clinician who knows a child is on a plan that CP-IS does not show sends the NHS number and
 * their contact details to the responsible LA; the LA's data managers see their own authority's reports and resolve
 * them. The NHS number never appears in a URL: the confirmation is reached through a flash attribute.
 */
@Controller
class MissingAlertController {

    static final int LISTED_RESOLVED = 50;

    private final MissingAlerts missingAlerts;
    private final MissingAlertPages pages;

    MissingAlertController(MissingAlerts missingAlerts, MissingAlertPages pages) {
        this.missingAlerts = missingAlerts;
        this.pages = pages;
    }

    @GetMapping(path = "/missing-alerts/new", params = "!sent")
    String form(Model model) {
        return showForm(ReportForm.EMPTY, ReportForm.Errors.NONE, model);
    }

    @GetMapping(path = "/missing-alerts/new", params = "sent")
    String sent(Model model) {
        if (!(model.getAttribute("sentTo") instanceof String ods)
                || !(model.getAttribute("sentNhsNumber") instanceof String)) {
            return "redirect:/missing-alerts/new"; // reloaded or bookmarked: the confirmation was shown once
        }
        model.addAttribute("la", pages.localAuthority(ods));
        model.addAttribute("nhsNumber", model.getAttribute("sentNhsNumber"));
        return "missing-alerts/sent";
    }

    @PostMapping("/missing-alerts/new")
    String report(
            Actor actor,
            @Valid @ModelAttribute("form") ReportForm form,
            BindingResult result,
            Model model,
            RedirectAttributes redirect) {
        if (result.hasErrors()) {
            return showForm(form, ReportForm.Errors.of(result), model);
        }
        MissingAlert alert = missingAlerts.report(actor, form.report());
        redirect.addFlashAttribute("sentTo", alert.localAuthority().value());
        redirect.addFlashAttribute(
                "sentNhsNumber", NhsNumber.of(form.nhsNumber()).formatted());
        return "redirect:/missing-alerts/new?sent";
    }

    @GetMapping("/missing-alerts")
    String queue(Actor actor, Model model) {
        MissingAlerts.Queue queue = missingAlerts.queue(actor, LISTED_RESOLVED);
        model.addAttribute("open", MissingAlertPages.views(queue.open()));
        model.addAttribute("resolved", MissingAlertPages.views(queue.resolved()));
        return "missing-alerts/list";
    }

    @PostMapping("/missing-alerts/{id}/resolve")
    String resolve(Actor actor, @PathVariable String id, RedirectAttributes redirect) {
        UUID reportId;
        try {
            reportId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ReportNotFound();
        }
        if (!missingAlerts.resolve(actor, reportId)) {
            throw new ReportNotFound();
        }
        redirect.addFlashAttribute("reportResolved", true);
        return "redirect:/missing-alerts";
    }

    private String showForm(ReportForm form, ReportForm.Errors errors, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("localAuthorities", pages.localAuthorities(form.localAuthority()));
        model.addAttribute("maxNote", MissingAlerts.MAX_NOTE);
        return "missing-alerts/form";
    }

    /** Another LA's report, or an id that is not one, is simply not found. */
    private static final class ReportNotFound extends RuntimeException {
        ReportNotFound() {
            super(null, null, false, false);
        }
    }

    /** The hub's own "Page not found" page (not a problem+json body, as an API would answer). */
    @ExceptionHandler(ReportNotFound.class)
    void notFound(HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
}
