package org.cpis.reports;

import java.util.List;
import org.springframework.web.util.HtmlUtils;

/**
 * A report's figures as rows of text, shown beside its chart and exported as CSV exactly as shown.
 *
 * @param numeric which columns hold numbers (right-aligned on the page)
 */
record ReportTable(String caption, List<String> headers, List<Boolean> numeric, List<List<String>> rows) {

    ReportTable {
        headers = List.copyOf(headers);
        numeric = List.copyOf(numeric);
        rows = List.copyOf(rows);
    }

    /**
     * The table's body rows as HTML, every cell escaped. Written here rather than by the template's per-cell
     * expressions: the national tables have 2,000-5,000 cells, and Thymeleaf's three expressions a cell made the page
     * take seconds where its CSV of the same rows took a fraction (docs/benchmarks.md, "National scale"). Public for
     * the template.
     */
    public String bodyHtml() {
        StringBuilder html = new StringBuilder(rows.size() * (headers.size() * 60 + 40));
        for (List<String> row : rows) {
            html.append("<tr class=\"nhsuk-table__row\">");
            for (int i = 0; i < row.size(); i++) {
                html.append(
                                i < numeric.size() && numeric.get(i)
                                        ? "<td class=\"nhsuk-table__cell nhsuk-table__cell--numeric\">"
                                        : "<td class=\"nhsuk-table__cell\">")
                        .append(HtmlUtils.htmlEscape(row.get(i)))
                        .append("</td>");
            }
            html.append("</tr>\n");
        }
        return html.toString();
    }
}
