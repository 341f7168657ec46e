package org.cpis.lookup;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.cpis.identity.Actor;
import org.cpis.identity.Role;
import org.cpis.organisations.LocalAuthority;
import org.cpis.records.VisibleRecord;
import org.cpis.shared.EnglandDate;
import org.cpis.shared.NhsNumber;
import org.cpis.shared.PlanType;
import org.cpis.shared.web.FieldError;
import org.cpis.shared.web.TraceIdFilter;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The clinician's CP-IS check: an NHS number and, optionally, a date of birth to confirm the person. The result is
 * rendered straight from the POST, so the NHS number never appears in a URL, a redirect or the browser history.
 *
 * <p>A check that finds nothing shows one page whatever the reason (no record ever, a record withdrawn or purged, a date
 * of birth that does not match), so the page reveals nothing about records that are not visible.
 */
@Controller
class LookupPagesController {

    static final String NHS_NUMBER_FIELD = "nhs-number";
    static final String DOB_FIELD = "dob";

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("d MMMM yyyy 'at' HH:mm", Locale.UK).withZone(EnglandDate.ENGLAND);

    private final Lookup lookup;
    private final Clock clock;

    LookupPagesController(Lookup lookup, Clock clock) {
        this.lookup = lookup;
        this.clock = clock;
    }

    /** What was typed, echoed back into the form when it has errors. */
    record LookupForm(String nhsNumber, String day, String month, String year) {}

    /** One problem with the form: the message and the id of the field the error summary links to. */
    /** The form's problems; {@code dateParts} are the date inputs (day, month, year) to highlight. */
    record FormErrors(FieldError nhsNumber, FieldError dateOfBirth, Set<String> dateParts) {

        static final FormErrors NONE = new FormErrors(null, null, Set.of());

        public boolean any() {
            return !all().isEmpty();
        }

        public List<FieldError> all() {
            return FieldError.present(nhsNumber, dateOfBirth);
        }

        public boolean datePart(String part) {
            return dateParts.contains(part);
        }
    }

    /** An alert as the page shows it: dates formatted, phone numbers with their tel: links. */
    record AlertView(
            String planType,
            boolean unbornChildPlan,
            String startDate,
            String endDate,
            String expectedDeliveryDate,
            String localAuthorityName,
            String localAuthorityOds,
            Phone emergencyDutyPhone,
            Phone officeHoursPhone) {}

    record Phone(String number, String href) {

        static Phone of(String number) {
            if (number == null || number.isBlank()) {
                return null;
            }
            return new Phone(number.strip(), "tel:" + number.replaceAll("[^0-9+]", ""));
        }
    }

    record AccessView(String when, String organisationName, String organisationOds, String careSetting, String role) {}

    @GetMapping("/lookup")
    String form(Actor actor, Model model) {
        return showForm(actor, new LookupForm("", "", "", ""), FormErrors.NONE, model);
    }

    @PostMapping("/lookup")
    String check(
            Actor actor,
            @RequestParam(name = "nhsNumber", defaultValue = "") String nhsNumber,
            @RequestParam(name = "dob-day", defaultValue = "") String day,
            @RequestParam(name = "dob-month", defaultValue = "") String month,
            @RequestParam(name = "dob-year", defaultValue = "") String year,
            Model model) {
        LookupForm form = new LookupForm(nhsNumber.strip(), day.strip(), month.strip(), year.strip());
        FieldError nhsError = validateNhsNumber(form.nhsNumber());
        DateResult dob = parseDateOfBirth(form, EnglandDate.today(clock));
        FormErrors errors = new FormErrors(nhsError, dob.error(), dob.parts());
        if (errors.any()) {
            return showForm(actor, form, errors, model);
        }
        NhsNumber nhs = NhsNumber.of(form.nhsNumber());
        LookupResult result = lookup.lookup(
                new LookupRequest(actor, nhs, true, dob.date(), LookupRequest.Channel.WEB, TraceIdFilter.current()));
        model.addAttribute("nhsNumber", nhs.formatted());
        model.addAttribute("dateOfBirth", dob.date() == null ? null : DATE.format(dob.date()));
        if (!result.found()) {
            return "lookup/not-found";
        }
        model.addAttribute(
                "alerts",
                result.alerts().stream().map(LookupPagesController::view).toList());
        model.addAttribute(
                "accesses",
                result.previousAccesses().stream()
                        .map(LookupPagesController::view)
                        .toList());
        model.addAttribute("unscheduled", result.unscheduled());
        return "lookup/found";
    }

    private String showForm(Actor actor, LookupForm form, FormErrors errors, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("scheduledRole", actor.role() == Role.SCHEDULED_CLINICIAN);
        return "lookup/form";
    }

    private static FieldError validateNhsNumber(String input) {
        if (input.isEmpty()) {
            return new FieldError("Enter a 10-digit NHS number", "#" + NHS_NUMBER_FIELD);
        }
        if (!input.replace(" ", "").matches("[0-9]{10}")) {
            return new FieldError("Enter a 10-digit NHS number", "#" + NHS_NUMBER_FIELD);
        }
        if (!NhsNumber.isValid(input)) {
            return new FieldError("Enter a valid NHS number", "#" + NHS_NUMBER_FIELD);
        }
        return null;
    }

    private record DateResult(LocalDate date, FieldError error, Set<String> parts) {

        static DateResult none() {
            return new DateResult(null, null, Set.of());
        }

        static DateResult error(String message, String... parts) {
            return new DateResult(null, new FieldError(message, "#" + DOB_FIELD + "-" + parts[0]), Set.of(parts));
        }
    }

    /** GOV.UK / NHS.UK date-input validation: all three parts or none, numbers only, a real date, not in the future. */
    private static DateResult parseDateOfBirth(LookupForm form, LocalDate today) {
        boolean hasDay = !form.day().isEmpty();
        boolean hasMonth = !form.month().isEmpty();
        boolean hasYear = !form.year().isEmpty();
        if (!hasDay && !hasMonth && !hasYear) {
            return DateResult.none();
        }
        List<String> missing = new ArrayList<>();
        if (!hasDay) {
            missing.add("day");
        }
        if (!hasMonth) {
            missing.add("month");
        }
        if (!hasYear) {
            missing.add("year");
        }
        if (!missing.isEmpty()) {
            return DateResult.error(
                    "Date of birth must include a " + String.join(" and ", missing), missing.toArray(String[]::new));
        }
        if (!form.day().matches("[0-9]{1,2}")
                || !form.month().matches("[0-9]{1,2}")
                || !form.year().matches("[0-9]+")) {
            return DateResult.error("Enter a real date of birth", "day", "month", "year");
        }
        if (form.year().length() != 4) {
            return DateResult.error("Year must include 4 numbers", "year");
        }
        LocalDate date;
        try {
            date = LocalDate.of(
                    Integer.parseInt(form.year()), Integer.parseInt(form.month()), Integer.parseInt(form.day()));
        } catch (DateTimeException e) {
            return DateResult.error("Enter a real date of birth", "day", "month", "year");
        }
        if (date.getYear() < 1900) {
            return DateResult.error("Enter a real date of birth", "day", "month", "year");
        }
        if (date.isAfter(today)) {
            return DateResult.error("Date of birth must be today or in the past", "day", "month", "year");
        }
        return new DateResult(date, null, Set.of());
    }

    private static AlertView view(LookupResult.Alert alert) {
        VisibleRecord record = alert.record();
        LocalAuthority la = alert.localAuthority();
        return new AlertView(
                record.planType().displayName(),
                record.planType() == PlanType.UCPP,
                format(record.startDate()),
                format(record.endDate()),
                format(record.expectedDeliveryDate()),
                la == null ? null : la.name(),
                record.localAuthority().value(),
                la == null ? null : Phone.of(la.emergencyDutyPhone()),
                la == null ? null : Phone.of(la.officeHoursPhone()));
    }

    private static AccessView view(Access access) {
        return new AccessView(
                DATE_TIME.format(access.accessedAt()),
                access.organisationName(),
                access.organisation().value(),
                access.careSettingType() == null
                        ? "Not recorded"
                        : access.careSettingType().displayName(),
                roleName(access.actorRole()));
    }

    private static String roleName(String role) {
        try {
            return Role.valueOf(role).displayName();
        } catch (IllegalArgumentException | NullPointerException e) {
            return role == null ? "Not recorded" : role;
        }
    }

    private static String format(LocalDate date) {
        return date == null ? null : DATE.format(date);
    }
}
