package org.cpis.reports;

import java.util.List;

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
}
