package org.cpis.accountability;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.cpis.audit.AuditReports;

/** The reports as RFC 4180 CSV (FastCSV's writer: CRLF line ends, fields quoted where they must be). */
final class ReportCsv {

    private ReportCsv() {}

    static void entries(HttpServletResponse response, String fileName, List<AuditReports.Entry> rows)
            throws IOException {
        try (CsvWriter csv = start(response, fileName)) {
            csv.writeRecord(
                    "entry_id",
                    "time_utc",
                    "actor_id",
                    "actor_role",
                    "actor_organisation",
                    "action",
                    "about_a_person",
                    "outcome",
                    "trace_id",
                    "detail");
            for (AuditReports.Entry e : rows) {
                csv.writeRecord(
                        Long.toString(e.id()),
                        e.at().toString(),
                        e.actorId(),
                        e.actorRole(),
                        e.actorOrganisation(),
                        e.action(),
                        e.aboutAPerson() ? "yes" : "no",
                        e.outcome(),
                        nullToEmpty(e.traceId()),
                        nullToEmpty(e.detail()));
            }
        }
    }

    static void organisations(HttpServletResponse response, String fileName, PrivacyReportService.OrganisationReport r)
            throws IOException {
        try (CsvWriter csv = start(response, fileName)) {
            csv.writeRecord("organisation_ods", "organisation_name", "care_setting", "entries", "found", "people");
            for (PrivacyReportService.OrganisationLine line : r.organisations()) {
                csv.writeRecord(
                        line.ods(),
                        line.name(),
                        line.careSetting(),
                        Long.toString(line.entries()),
                        Long.toString(line.found()),
                        Long.toString(line.people()));
            }
        }
    }

    private static CsvWriter start(HttpServletResponse response, String fileName) throws IOException {
        response.setContentType("text/csv;charset=UTF-8;header=present");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        response.setHeader("Cache-Control", "no-store");
        Writer writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        return CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(writer);
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
