package org.cpis.reports;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.cpis.identity.Actor;
import org.cpis.shared.web.ViewFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The report pages (chart and table) and their CSV downloads (RFC 4180: comma, double quotes, CRLF). */
@Controller
class ReportsController {

    private final ReportService reports;

    ReportsController(ReportService reports) {
        this.reports = reports;
    }

    @GetMapping("/reports")
    String index(Actor actor, Model model) {
        ReportScope scope = reports.scope(actor);
        model.addAttribute("kinds", List.of(ReportKind.values()));
        model.addAttribute("scope", scope.describe());
        model.addAttribute("period", period(scope));
        return "reports/index";
    }

    @GetMapping("/reports/{path}")
    String show(Actor actor, @PathVariable String path, Model model) {
        ReportKind kind = ReportKind.byPath(path).orElseThrow(ReportNotFound::new);
        ReportScope scope = reports.scope(actor);
        model.addAttribute("report", reports.report(kind, scope));
        model.addAttribute("scope", scope.describe());
        model.addAttribute(
                "period", kind == ReportKind.RECORDS ? "Today, " + ViewFormat.date(scope.today()) : period(scope));
        return "reports/report";
    }

    @GetMapping("/reports/{path}.csv")
    void csv(Actor actor, @PathVariable String path, HttpServletResponse response) throws IOException {
        ReportKind kind = ReportKind.byPath(path).orElseThrow(ReportNotFound::new);
        Report report = reports.report(kind, reports.scope(actor));
        response.setContentType("text/csv; charset=UTF-8; header=present");
        response.setHeader("Content-Disposition", "attachment; filename=\"cpis-" + kind.path() + ".csv\"");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        try (CsvWriter csv =
                CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(out)) {
            csv.writeRecord(report.table().headers());
            for (List<String> row : report.table().rows()) {
                csv.writeRecord(row);
            }
        }
    }

    private static String period(ReportScope scope) {
        return ViewFormat.date(scope.firstMonth().atDay(1)) + " to " + ViewFormat.date(scope.today());
    }

    private static final class ReportNotFound extends RuntimeException {
        ReportNotFound() {
            super(null, null, false, false);
        }
    }

    @ExceptionHandler(ReportNotFound.class)
    void notFound(HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
}
