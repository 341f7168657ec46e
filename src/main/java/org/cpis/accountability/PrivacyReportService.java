package org.cpis.accountability;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cpis.audit.Audit;
import org.cpis.audit.AuditEntry;
import org.cpis.audit.AuditReports;
import org.cpis.identity.Actor;
import org.cpis.identity.Role;
import org.cpis.organisations.Organisation;
import org.cpis.organisations.OrganisationKind;
import org.cpis.organisations.Organisations;
import org.cpis.records.Records;
import org.cpis.shared.NhsNumber;
import org.cpis.shared.OdsCode;
import org.cpis.shared.web.ViewFormat;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The privacy officer's reports, scoped by who asks: the operator's privacy officer sees everything, a trust's sees
 * what its own staff and systems did, an LA's sees what was done to the children it holds. Every report viewed or
 * exported is itself audited, in the same transaction as its reading.
 */
@Service
class PrivacyReportService {

    /** One organisation's line of the organisation report. */
    record OrganisationLine(String ods, String name, String careSetting, long entries, long found, long people) {}

    /** Totals by care setting, in the care setting's display order. */
    record CareSettingLine(String careSetting, long entries, long found) {}

    record OrganisationReport(List<OrganisationLine> organisations, List<CareSettingLine> careSettings) {}

    private final AuditReports reports;
    private final Audit audit;
    private final Organisations organisations;
    private final Records records;

    PrivacyReportService(AuditReports reports, Audit audit, Organisations organisations, Records records) {
        this.reports = reports;
        this.audit = audit;
        this.organisations = organisations;
        this.records = records;
    }

    // The refusal's own audit entry commits with it.
    @Transactional(noRollbackFor = AccessDeniedException.class)
    List<AuditReports.Entry> aboutSubject(
            Actor officer, NhsNumber nhs, ReportPeriod period, boolean export, String traceId) {
        AuditReports.Scope scope = scope(officer);
        if (!scope.everything()
                && scope.actorOrganisation() == null
                && !scope.subjects().contains(nhs)) {
            audit.record(entry(officer, "AUDIT_REPORT_SUBJECT", nhs, null, "DENIED", traceId, "not held"));
            throw new AccessDeniedException("an LA's privacy officer sees only the children it holds");
        }
        if (scope.actorOrganisation() == null && !scope.everything()) {
            scope = new AuditReports.Scope(false, null, List.of(nhs));
        }
        List<AuditReports.Entry> rows = reports.aboutSubject(nhs, period.from(), period.until(), scope);
        audit.record(
                entry(officer, action("SUBJECT", export), nhs, null, "SUCCESS", traceId, detail(period, rows.size())));
        return rows;
    }

    @Transactional
    List<AuditReports.Entry> byActor(
            Actor officer, String actorId, ReportPeriod period, boolean export, String traceId) {
        List<AuditReports.Entry> rows = reports.byActor(actorId, period.from(), period.until(), scope(officer));
        audit.record(entry(
                officer, action("PERSON", export), null, actorId, "SUCCESS", traceId, detail(period, rows.size())));
        return rows;
    }

    @Transactional
    OrganisationReport byOrganisation(Actor officer, ReportPeriod period, boolean export, String traceId) {
        List<AuditReports.OrganisationCount> counts =
                reports.byOrganisation(period.from(), period.until(), scope(officer));
        List<OrganisationLine> lines = counts.stream().map(this::line).toList();
        Map<String, long[]> bySetting = new TreeMap<>();
        for (OrganisationLine line : lines) {
            long[] totals = bySetting.computeIfAbsent(line.careSetting(), k -> new long[2]);
            totals[0] += line.entries();
            totals[1] += line.found();
        }
        List<CareSettingLine> settings = bySetting.entrySet().stream()
                .map(e -> new CareSettingLine(e.getKey(), e.getValue()[0], e.getValue()[1]))
                .sorted(Comparator.comparing(CareSettingLine::careSetting))
                .toList();
        audit.record(entry(
                officer,
                action("ORGANISATIONS", export),
                null,
                null,
                "SUCCESS",
                traceId,
                detail(period, lines.size())));
        return new OrganisationReport(lines, settings);
    }

    private OrganisationLine line(AuditReports.OrganisationCount count) {
        Organisation org =
                safeOds(count.actorOrganisation()).flatMap(organisations::find).orElse(null);
        String setting = org == null || org.careSettingType() == null
                ? (org == null ? ViewFormat.NOT_RECORDED : org.kind().displayName())
                : org.careSettingType().displayName();
        return new OrganisationLine(
                count.actorOrganisation(),
                org == null ? ViewFormat.NOT_RECORDED : org.name(),
                setting,
                count.entries(),
                count.found(),
                count.people());
    }

    private static java.util.Optional<OdsCode> safeOds(String value) {
        try {
            return java.util.Optional.of(OdsCode.of(value));
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /** Who the officer may see; anyone else is refused. */
    AuditReports.Scope scope(Actor officer) {
        if (officer.role() != Role.PRIVACY_OFFICER) {
            throw new AccessDeniedException("privacy officers only");
        }
        OrganisationKind kind = organisations
                .find(officer.organisation())
                .map(Organisation::kind)
                .orElseThrow(() -> new AccessDeniedException("organisation not registered"));
        return switch (kind) {
            case OPERATOR -> AuditReports.Scope.all();
            case HEALTH -> new AuditReports.Scope(false, officer.organisation().value(), List.of());
            case LOCAL_AUTHORITY -> new AuditReports.Scope(false, null, records.heldBy(officer.organisation()));
        };
    }

    private static String action(String report, boolean export) {
        return (export ? "AUDIT_EXPORT_" : "AUDIT_REPORT_") + report;
    }

    private static String detail(ReportPeriod period, int rows) {
        return "period=" + period.describe() + " rows=" + rows;
    }

    private static AuditEntry entry(
            Actor officer, String action, NhsNumber subject, String ref, String outcome, String trace, String detail) {
        return new AuditEntry(
                officer.id(),
                officer.role().name(),
                officer.organisation().value(),
                action,
                subject,
                ref,
                outcome,
                trace,
                detail);
    }
}
