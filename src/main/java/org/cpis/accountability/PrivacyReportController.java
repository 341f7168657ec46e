package org.cpis.accountability;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.cpis.audit.AuditIntegrity;
import org.cpis.audit.AuditReports;
import org.cpis.identity.Actor;
import org.cpis.shared.EnglandDate;
import org.cpis.shared.NhsNumber;
import org.cpis.shared.web.ErrorSummary;
import org.cpis.shared.web.TraceIdFilter;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The privacy officer's (Caldicott guardian's) reports, as Spine's reporting service gives them: every access to one
 * child's record, everything one person did, and accesses by organisation and care setting, each also as CSV.
 */
@Controller
class PrivacyReportController {

    private final PrivacyReportService reports;
    private final AuditIntegrity integrity;
    private final Clock clock;

    PrivacyReportController(PrivacyReportService reports, AuditIntegrity integrity, Clock clock) {
        this.reports = reports;
        this.integrity = integrity;
        this.clock = clock;
    }

    @GetMapping("/audit")
    String index(Model model) {
        model.addAttribute("verification", IntegrityView.of(integrity.latest().orElse(null)));
        return "audit/index";
    }

    @GetMapping("/audit/subject")
    String subjectForm(Model model) {
        LocalDate today = EnglandDate.today(clock);
        model.addAttribute("form", new ReportForms.Subject("", today.minusDays(30), today));
        model.addAttribute("errors", ErrorSummary.NONE);
        return "audit/subject";
    }

    /** Posted, so that the NHS number is never in a URL; {@code export} gives the CSV instead of the page. */
    @PostMapping("/audit/subject")
    String subject(
            Actor actor,
            @Valid @ModelAttribute("form") ReportForms.Subject form,
            BindingResult binding,
            @RequestParam(name = "export", required = false) String export,
            Model model,
            HttpServletResponse response)
            throws IOException {
        model.addAttribute("errors", ErrorSummary.of(binding, ReportForms.Subject.FIELDS));
        if (binding.hasErrors()) {
            return "audit/subject";
        }
        List<AuditReports.Entry> rows = reports.aboutSubject(
                actor, NhsNumber.of(form.nhsNumber()), form.period(), export != null, TraceIdFilter.current());
        if (export != null) {
            ReportCsv.entries(response, "cpis-accesses-to-one-record.csv", rows);
            return null;
        }
        model.addAttribute("rows", EntryView.of(rows));
        model.addAttribute("truncated", rows.size() >= AuditReports.MAX_ROWS);
        return "audit/subject";
    }

    @GetMapping("/audit/person")
    String person(
            Actor actor,
            @Valid @ModelAttribute("form") ReportForms.Person form,
            BindingResult binding,
            @RequestParam(name = "export", required = false) String export,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        if (request.getParameterMap().isEmpty()) {
            LocalDate today = EnglandDate.today(clock);
            model.addAttribute("form", new ReportForms.Person("", today.minusDays(30), today));
            model.addAttribute("errors", ErrorSummary.NONE);
            return "audit/person";
        }
        model.addAttribute("errors", ErrorSummary.of(binding, ReportForms.Person.FIELDS));
        if (binding.hasErrors()) {
            return "audit/person";
        }
        List<AuditReports.Entry> rows =
                reports.byActor(actor, form.actorId(), form.period(), export != null, TraceIdFilter.current());
        if (export != null) {
            ReportCsv.entries(response, "cpis-one-person.csv", rows);
            return null;
        }
        model.addAttribute("rows", EntryView.of(rows));
        model.addAttribute("truncated", rows.size() >= AuditReports.MAX_ROWS);
        return "audit/person";
    }

    @GetMapping("/audit/organisations")
    String organisations(
            Actor actor,
            @Valid @ModelAttribute("form") ReportForms.Organisations form,
            BindingResult binding,
            @RequestParam(name = "export", required = false) String export,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        if (request.getParameterMap().isEmpty()) {
            LocalDate today = EnglandDate.today(clock);
            model.addAttribute("form", new ReportForms.Organisations(today.minusDays(30), today));
            model.addAttribute("errors", ErrorSummary.NONE);
            return "audit/organisations";
        }
        model.addAttribute("errors", ErrorSummary.of(binding, ReportForms.Organisations.FIELDS));
        if (binding.hasErrors()) {
            return "audit/organisations";
        }
        PrivacyReportService.OrganisationReport report =
                reports.byOrganisation(actor, form.period(), export != null, TraceIdFilter.current());
        if (export != null) {
            ReportCsv.organisations(response, "cpis-accesses-by-organisation.csv", report);
            return null;
        }
        model.addAttribute("report", report);
        return "audit/organisations";
    }
}
