package org.cpis.audit;

import java.time.Instant;
import java.util.Map;

/** The privacy officer's organisation report's statement as the hub runs it, for bench.ExplainPlans to explain. */
public final class ReportStatements {

    private ReportStatements() {}

    public static String byOrganisation(Instant from, Instant to, AuditReports.Scope scope) {
        return AuditReportRepository.byOrganisationSql(from, to, scope);
    }

    public static Map<String, Object> byOrganisationParameters(Instant from, Instant to) {
        return AuditReportRepository.periodParameters(from, to);
    }
}
