package org.cpis.accountability;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.cpis.CpisIntegrationTest;
import org.cpis.HubClient;
import org.cpis.audit.Audit;
import org.cpis.shared.NhsNumber;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import testsupport.Browser;
import testsupport.TestNhsNumbers;
import testsupport.UploadFile;

/**
 * The Caldicott guardian's pages in a real browser: reach them from the home page, run each report, download its CSV
 * (RFC 4180, its rows the page's rows), the integrity page; axe on each page; an administrator sees the integrity page
 * but not the reports.
 */
@CpisIntegrationTest
class AuditPagesBrowserIT {

    @AutoClose
    static final Browser browser = new Browser();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Audit audit;

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private String lookedUpChild() {
        HubClient hub = new HubClient(port);
        String nhs = TestNhsNumbers.next();
        hub.upload(
                hub.accessToken("birmingham-case-system", "demo-secret"),
                UploadFile.builder().row(r -> r.nhsNumber(nhs)));
        String ed = hub.accessToken("northfield-ed-system", "demo-secret");
        String path = "/fhir/R4/CareTeam?patient:identifier=https://fhir.nhs.uk/Id/nhs-number%7C" + nhs;
        assertThat(hub.get(path, ed, HubClient.endUser("555000000321", "Dr Lee Park"))
                        .statusCode())
                .isEqualTo(200);
        return nhs;
    }

    private long entriesAbout(String nhs) {
        return jdbc.sql("select count(*) from audit.event where subject_hash = :h")
                .param("h", audit.subjectHash(NhsNumber.of(nhs)))
                .query(Long.class)
                .single();
    }

    private static void click(Page page, String button) {
        page.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName(button).setExact(true))
                .click();
    }

    private static List<CsvRecord> csv(Download download) throws IOException {
        String text = Files.readString(download.path(), StandardCharsets.UTF_8);
        assertThat(text).contains("\r\n");
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(text)) {
            return reader.stream().toList();
        }
    }

    @Test
    void a_caldicott_guardian_runs_and_exports_each_report() throws IOException {
        String nhs = lookedUpChild();
        Page page = browser.signedIn(url(""), "caldicott.guardian");
        page.locator("#maincontent")
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Audit reports"))
                .click();
        assertThat(page).hasURL(url("/audit"));
        Browser.assertAccessible(page);

        page.locator("#maincontent")
                .getByRole(
                        AriaRole.LINK,
                        new Locator.GetByRoleOptions().setName("Accesses to one child's or pregnant woman's record"))
                .click();
        Browser.assertAccessible(page);
        click(page, "Show accesses");
        assertThat(page.locator(".nhsuk-error-summary")).containsText("Enter a 10-digit NHS number");
        Browser.assertAccessible(page);
        page.getByLabel("NHS number").fill(nhs);
        click(page, "Show accesses");
        assertThat(page.getByTestId("report-rows")).containsText("555000000321");
        assertThat(page).not().hasURL(java.util.regex.Pattern.compile(".*" + nhs + ".*"));
        Browser.assertAccessible(page);
        int shown = page.getByTestId("report-rows").locator("tbody tr").count();
        // The report's own entry (this viewing, about the same child) is written after its rows were read.
        assertThat((long) shown).isEqualTo(entriesAbout(nhs) - 1);
        long beforeExport = entriesAbout(nhs);
        Download download = page.waitForDownload(() -> click(page, "Download CSV"));
        List<CsvRecord> rows = csv(download);
        assertThat(rows.get(0).getFields()).startsWith("entry_id", "time_utc", "actor_id");
        assertThat(rows).hasSize((int) beforeExport + 1);
        assertThat(String.join(
                        "\n",
                        rows.stream().map(r -> String.join(",", r.getFields())).toList()))
                .contains("555000000321")
                .doesNotContain(nhs);

        page.navigate(url("/audit/person"));
        Browser.assertAccessible(page);
        page.getByLabel("User id").fill("555000000321");
        click(page, "Show actions");
        assertThat(page.getByTestId("report-rows")).containsText("LOOKUP_FHIR");
        Browser.assertAccessible(page);

        page.navigate(url("/audit/organisations"));
        click(page, "Show accesses");
        assertThat(page.getByTestId("by-organisation")).containsText("X1A01");
        assertThat(page.getByTestId("by-care-setting")).isVisible();
        Browser.assertAccessible(page);
        Download byOrganisation = page.waitForDownload(() -> click(page, "Download CSV"));
        assertThat(csv(byOrganisation).get(0).getFields()).startsWith("organisation_ods", "organisation_name");

        page.navigate(url("/audit/integrity"));
        click(page, "Verify now");
        assertThat(page.getByTestId("chain-intact")).isVisible();
        Browser.assertAccessible(page);

        assertThat(jdbc.sql("select count(*) from audit.event where actor_id = 'caldicott.guardian'"
                                + " and action in ('AUDIT_REPORT_SUBJECT', 'AUDIT_EXPORT_SUBJECT',"
                                + " 'AUDIT_REPORT_PERSON', 'AUDIT_REPORT_ORGANISATIONS', 'AUDIT_EXPORT_ORGANISATIONS')")
                        .query(Long.class)
                        .single())
                .isGreaterThanOrEqualTo(5);
        assertThat(jdbc.sql("select count(*) from audit.event where actor_id = 'caldicott.guardian'"
                                + " and action = 'SIGN_IN'")
                        .query(Long.class)
                        .single())
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void an_administrator_sees_the_trails_integrity_but_not_the_reports() {
        Page wrong = browser.signIn(url(""), "admin", "not-the-password");
        assertThat(wrong).hasURL(java.util.regex.Pattern.compile(".*/login.*"));
        assertThat(jdbc.sql("select count(*) from audit.event where actor_id = 'admin' and action = 'SIGN_IN_FAILED'")
                        .query(Long.class)
                        .single())
                .isGreaterThanOrEqualTo(1);
        Page page = browser.signedIn(url(""), "admin");
        page.locator("#maincontent")
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Audit trail integrity"))
                .click();
        assertThat(page).hasURL(url("/audit/integrity"));
        Browser.assertAccessible(page);
        assertThat(page.navigate(url("/audit/subject")).status()).isEqualTo(403);
        assertThat(jdbc.sql("select count(*) from audit.event where actor_id = 'admin' and action = 'ACCESS_DENIED'")
                        .query(Long.class)
                        .single())
                .isGreaterThanOrEqualTo(1);
    }
}
