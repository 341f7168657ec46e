package org.cpis.lookup;

import jakarta.validation.Valid;
import java.time.Clock;
import org.cpis.identity.Actor;
import org.cpis.identity.Role;
import org.cpis.shared.EnglandDate;
import org.cpis.shared.NhsNumber;
import org.cpis.shared.web.ErrorSummary;
import org.cpis.shared.web.TraceIdFilter;
import org.cpis.shared.web.ViewFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The clinician's CP-IS check: an NHS number and, optionally, a date of birth to confirm the person. The result is
 * rendered straight from the POST, so the NHS number never appears in a URL, a redirect or the browser history.
 *
 * <p>A check that finds nothing shows one page whatever the reason (no record ever, a record withdrawn or purged), so
 * the page reveals nothing about records that are not visible. A date of birth that does not match a visible record is
 * never shown as "nothing found": the record is shown with a warning that its details do not match and what to do, and
 * the check is recorded and notified like any other (docs/clinical-safety.md, hazard H1).
 */
@Controller
class LookupPagesController {

    private final Lookup lookup;
    private final Clock clock;

    LookupPagesController(Lookup lookup, Clock clock) {
        this.lookup = lookup;
        this.clock = clock;
    }

    @GetMapping("/lookup")
    String form(Actor actor, Model model) {
        model.addAttribute("form", LookupForm.EMPTY);
        return showForm(actor, ErrorSummary.NONE, model);
    }

    @PostMapping("/lookup")
    String check(Actor actor, @Valid @ModelAttribute("form") LookupForm form, BindingResult binding, Model model) {
        if (binding.hasErrors()) {
            return showForm(actor, ErrorSummary.of(binding, LookupForm.FIELDS), model);
        }
        NhsNumber nhs = NhsNumber.of(form.nhsNumber());
        LookupResult result = lookup.lookup(new LookupRequest(
                actor, nhs, true, form.dob().toLocalDate(), LookupRequest.Channel.WEB, TraceIdFilter.current()));
        model.addAttribute("nhsNumber", nhs.formatted());
        model.addAttribute(
                "dateOfBirth",
                form.dob().blank() ? null : ViewFormat.date(form.dob().toLocalDate()));
        if (!result.found()) {
            return "lookup/not-found";
        }
        model.addAttribute("result", LookupView.of(result, form.dob().toLocalDate(), EnglandDate.today(clock)));
        return "lookup/found";
    }

    private static String showForm(Actor actor, ErrorSummary errors, Model model) {
        model.addAttribute("errors", errors);
        model.addAttribute("scheduledRole", actor.role() == Role.SCHEDULED_CLINICIAN);
        return "lookup/form";
    }
}
