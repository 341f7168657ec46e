package org.cpis.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cpis.identity.SignedIn.as;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.cpis.identity.PageSliceTest;
import org.cpis.identity.Role;
import org.cpis.identity.SignedIn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** Who may read the reports, and the page and CSV forms of a report, without a database. */
@PageSliceTest(ReportsController.class)
@Import(ReportsAccessRules.class)
class ReportsControllerTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    ReportService reports;

    @BeforeEach
    void oneReport() {
        LocalDate today = PageSliceTest.TODAY;
        when(reports.scope(any()))
                .thenReturn(new ReportScope(
                        Optional.of(SignedIn.ORGANISATION),
                        "Birmingham",
                        today,
                        YearMonth.from(today).minusMonths(11),
                        Instant.parse("2025-04-01T00:00:00Z"),
                        Instant.parse("2026-03-05T00:00:00Z")));
        ReportTable table = new ReportTable(
                "Uploads per local authority",
                List.of("Local authority", "ODS code", "Uploads"),
                List.of(false, false, true),
                List.of(List.of("Bristol, City of", "E06000023", "52"), List.of("Say \"hi\"", "E1", "3")));
        when(reports.report(eq(ReportKind.UPLOADS), any()))
                .thenReturn(new Report(
                        ReportKind.UPLOADS,
                        BarChart.svg(
                                "chart",
                                "T",
                                "D",
                                List.of("Uploads"),
                                List.of(BarChart.Group.of("All loaded", 3, "3"))),
                        table));
    }

    @Test
    void administrators_data_managers_and_duty_teams_read_reports_others_are_refused() throws Exception {
        for (Role role : List.of(Role.ADMINISTRATOR, Role.LA_DATA_MANAGER, Role.DUTY_TEAM)) {
            mvc.perform(get("/reports").with(as(role))).andExpect(status().isOk());
            mvc.perform(get("/reports/uploads").with(as(role))).andExpect(status().isOk());
        }
        for (Role role : List.of(Role.SOCIAL_WORKER, Role.MASH, Role.UNSCHEDULED_CLINICIAN, Role.PRIVACY_OFFICER)) {
            mvc.perform(get("/reports/uploads").with(as(role))).andExpect(status().isForbidden());
            mvc.perform(get("/reports/uploads.csv").with(as(role))).andExpect(status().isForbidden());
        }
        mvc.perform(get("/reports/no-such-report").with(as(Role.ADMINISTRATOR))).andExpect(status().isNotFound());
    }

    @Test
    void a_report_page_shows_its_chart_beside_the_table_of_its_figures() throws Exception {
        String html = mvc.perform(get("/reports/uploads").with(as(Role.LA_DATA_MANAGER)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(html)
                .contains("<title>Uploads – CP-IS</title>", "<svg", "role=\"img\"", "Birmingham")
                .contains("<caption class=\"nhsuk-table__caption nhsuk-table__caption--s\" id=\"report-caption\">"
                        + "Uploads per local authority</caption>")
                .contains("Bristol, City of", "href=\"/reports/uploads.csv\"");
    }

    @Test
    void the_csv_is_rfc_4180_with_the_tables_header_and_rows() throws Exception {
        var response = mvc.perform(get("/reports/uploads.csv").with(as(Role.ADMINISTRATOR)))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", "attachment; filename=\"cpis-uploads.csv\""))
                .andReturn()
                .getResponse();
        assertThat(response.getContentType()).startsWith("text/csv");
        assertThat(response.getContentAsString(StandardCharsets.UTF_8))
                .isEqualTo("Local authority,ODS code,Uploads\r\n\"Bristol, City of\",E06000023,52\r\n"
                        + "\"Say \"\"hi\"\"\",E1,3\r\n");
    }
}
