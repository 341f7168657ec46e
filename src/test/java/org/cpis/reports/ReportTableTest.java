package org.cpis.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTableTest {

    @Test
    void body_rows_are_escaped_and_numeric_columns_right_aligned() {
        ReportTable table = new ReportTable(
                "caption",
                List.of("Local authority", "Notifications"),
                List.of(false, true),
                List.of(List.of("Brighton & Hove <City>", "12"), List.of("Leeds", "0")));
        assertThat(table.bodyHtml())
                .isEqualTo("<tr class=\"nhsuk-table__row\"><td class=\"nhsuk-table__cell\">Brighton &amp; Hove"
                        + " &lt;City&gt;</td><td class=\"nhsuk-table__cell nhsuk-table__cell--numeric\">12</td></tr>\n"
                        + "<tr class=\"nhsuk-table__row\"><td class=\"nhsuk-table__cell\">Leeds</td>"
                        + "<td class=\"nhsuk-table__cell nhsuk-table__cell--numeric\">0</td></tr>\n");
    }
}
