package org.cpis.notifications;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.cpis.identity.Actor;
import org.cpis.identity.Role;
import org.cpis.organisations.LocalAuthority;
import org.cpis.organisations.Organisations;
import org.cpis.shared.EnglandDate;
import org.cpis.shared.NhsNumber;
import org.cpis.shared.OdsCode;
import org.cpis.shared.web.FieldError;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Report a missing alert": a clinician who knows a child is on a plan that CP-IS does not show sends the NHS number and
 * their contact details to the responsible LA; the LA's data managers see their own authority's reports and resolve
 * them. The NHS number never appears in a URL: the confirmation is reached through a flash attribute.
 */
@Controller
class MissingAlertController {

    static final int LISTED_RESOLVED = 50;

    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("d MMMM yyyy 'at' HH:mm", Locale.UK).withZone(EnglandDate.ENGLAND);
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()\\-]+");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final MissingAlerts missingAlerts;
    private final Organisations organisations;

    MissingAlertController(MissingAlerts missingAlerts, Organisations organisations) {
        this.missingAlerts = missingAlerts;
        this.organisations = organisations;
    }

    /** What was typed, echoed back when the form has errors. */
    record ReportForm(String localAuthority, String nhsNumber, String phone, String email, String note) {}

    /** One problem with the form: the message and the id of the field the error summary links to. */
    record FormErrors(
            FieldError localAuthority,
            FieldError nhsNumber,
            FieldError contact,
            FieldError phone,
            FieldError email,
            FieldError note) {

        public boolean any() {
            return !all().isEmpty();
        }

        public List<FieldError> all() {
            return FieldError.present(localAuthority, nhsNumber, contact, phone, email, note);
        }

        /** The phone input is in error on its own or because neither contact was given. */
        public FieldError phoneOrContact() {
            return phone != null ? phone : contact;
        }
    }

    /** A select option. */
    record Option(String value, String text, boolean selected) {}

    /** A telephone number or e-mail address with its link. */
    record Contact(String text, String href) {}

    /** A report as the LA's pages show it. */
    record ReportView(
            UUID id,
            String nhsNumber,
            String reportedAt,
            Instant reportedInstant,
            String reporterName,
            String reporterRole,
            String organisation,
            Contact phone,
            Contact email,
            String note,
            String resolvedBy,
            String resolvedAt,
            Instant resolvedInstant) {}

    /** The local authority's numbers as the confirmation page shows them. */
    record LaView(String name, Contact emergencyDutyPhone, Contact officeHoursPhone) {}

    @GetMapping(path = "/missing-alerts/new", params = "!sent")
    String form(Model model) {
        return showForm(new ReportForm("", "", "", "", ""), null, model);
    }

    @GetMapping(path = "/missing-alerts/new", params = "sent")
    String sent(Model model) {
        Object la = model.getAttribute("sentTo");
        Object nhs = model.getAttribute("sentNhsNumber");
        if (!(la instanceof String ods) || !(nhs instanceof String)) {
            return "redirect:/missing-alerts/new"; // reloaded or bookmarked: the confirmation was shown once
        }
        Optional<LocalAuthority> authority = organisations.localAuthority(new OdsCode(ods));
        model.addAttribute(
                "la",
                authority
                        .map(a -> new LaView(a.name(), phone(a.emergencyDutyPhone()), phone(a.officeHoursPhone())))
                        .orElse(new LaView("the local authority", null, null)));
        model.addAttribute("nhsNumber", nhs);
        return "missing-alerts/sent";
    }

    @PostMapping("/missing-alerts/new")
    String report(
            Actor actor,
            @RequestParam(name = "localAuthority", defaultValue = "") String localAuthority,
            @RequestParam(name = "nhsNumber", defaultValue = "") String nhsNumber,
            @RequestParam(name = "phone", defaultValue = "") String phone,
            @RequestParam(name = "email", defaultValue = "") String email,
            @RequestParam(name = "note", defaultValue = "") String note,
            Model model,
            RedirectAttributes redirect) {
        ReportForm form =
                new ReportForm(localAuthority.strip(), nhsNumber.strip(), phone.strip(), email.strip(), note.strip());
        Optional<LocalAuthority> la = findLa(form.localAuthority());
        FormErrors errors = validate(form, la.isPresent());
        if (errors.any()) {
            return showForm(form, errors, model);
        }
        NhsNumber nhs = NhsNumber.of(form.nhsNumber());
        missingAlerts.report(
                actor,
                new MissingAlerts.Report(
                        la.get().odsCode(), nhs, nullIfEmpty(form.phone()), nullIfEmpty(form.email()), form.note()));
        redirect.addFlashAttribute("sentTo", la.get().odsCode().value());
        redirect.addFlashAttribute("sentNhsNumber", nhs.formatted());
        return "redirect:/missing-alerts/new?sent";
    }

    @GetMapping("/missing-alerts")
    String queue(Actor actor, Model model) {
        MissingAlerts.Queue queue = missingAlerts.queue(actor, LISTED_RESOLVED);
        model.addAttribute(
                "open", queue.open().stream().map(MissingAlertController::view).toList());
        model.addAttribute(
                "resolved",
                queue.resolved().stream().map(MissingAlertController::view).toList());
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

    private String showForm(ReportForm form, FormErrors errors, Model model) {
        FormErrors shown = errors == null ? new FormErrors(null, null, null, null, null, null) : errors;
        List<Option> options = new ArrayList<>();
        options.add(
                new Option("", "Select a local authority", form.localAuthority().isEmpty()));
        organisations.localAuthorities().stream()
                .sorted(Comparator.comparing(LocalAuthority::name, String.CASE_INSENSITIVE_ORDER))
                .forEach(la -> options.add(new Option(
                        la.odsCode().value(),
                        la.name(),
                        la.odsCode().value().equalsIgnoreCase(form.localAuthority()))));
        model.addAttribute("form", form);
        model.addAttribute("errors", shown);
        model.addAttribute("localAuthorities", options);
        model.addAttribute("maxNote", MissingAlerts.MAX_NOTE);
        return "missing-alerts/form";
    }

    private Optional<LocalAuthority> findLa(String ods) {
        if (ods.isEmpty()) {
            return Optional.empty();
        }
        try {
            return organisations.localAuthority(new OdsCode(ods));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static FormErrors validate(ReportForm form, boolean laFound) {
        FieldError la = laFound ? null : new FieldError("Select the local authority", "#local-authority");
        FieldError nhs = null;
        if (!form.nhsNumber().replace(" ", "").matches("[0-9]{10}")) {
            nhs = new FieldError("Enter a 10-digit NHS number", "#nhs-number");
        } else if (!NhsNumber.isValid(form.nhsNumber())) {
            nhs = new FieldError("Enter a valid NHS number", "#nhs-number");
        }
        FieldError contact = null;
        FieldError phone = null;
        FieldError email = null;
        if (form.phone().isEmpty() && form.email().isEmpty()) {
            contact = new FieldError("Enter a phone number or an email address", "#contact-phone");
        }
        if (!form.phone().isEmpty()) {
            long digits = form.phone().chars().filter(Character::isDigit).count();
            if (form.phone().length() > MissingAlerts.MAX_PHONE
                    || !PHONE.matcher(form.phone()).matches()
                    || digits < 7
                    || digits > 15) {
                phone = new FieldError(
                        "Enter a phone number, like 01632 960 001 or +44 808 157 0192", "#contact-phone");
            }
        }
        if (!form.email().isEmpty()
                && (form.email().length() > MissingAlerts.MAX_EMAIL
                        || !EMAIL.matcher(form.email()).matches())) {
            email = new FieldError(
                    "Enter an email address in the correct format, like name@example.nhs.uk", "#contact-email");
        }
        FieldError note = form.note().length() > MissingAlerts.MAX_NOTE
                ? new FieldError("Note must be 1,000 characters or fewer", "#note")
                : null;
        return new FormErrors(la, nhs, contact, phone, email, note);
    }

    private static ReportView view(MissingAlert a) {
        return new ReportView(
                a.id(),
                a.nhsNumber().formatted(),
                DATE_TIME.format(a.createdAt()),
                a.createdAt(),
                a.reporterName(),
                roleName(a.reporterRole()),
                a.reporterOrganisationName() + " (" + a.reporterOrganisation().value() + ")",
                phone(a.contactPhone()),
                a.contactEmail() == null ? null : new Contact(a.contactEmail(), "mailto:" + a.contactEmail()),
                a.note(),
                a.resolvedBy(),
                a.resolvedAt() == null ? null : DATE_TIME.format(a.resolvedAt()),
                a.resolvedAt());
    }

    private static Contact phone(String number) {
        if (number == null || number.isBlank()) {
            return null;
        }
        return new Contact(number.strip(), "tel:" + number.replaceAll("[^0-9+]", ""));
    }

    private static String roleName(String role) {
        try {
            return Role.valueOf(role).displayName();
        } catch (IllegalArgumentException | NullPointerException e) {
            return role;
        }
    }

    private static String nullIfEmpty(String value) {
        return value.isEmpty() ? null : value;
    }
}
