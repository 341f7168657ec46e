package org.cpis.reports;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import java.nio.charset.StandardCharsets;
import org.cpis.CpisIntegrationTest;
import org.cpis.synthetic.SyntheticDataFixture;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import testsupport.Browser;

/**
 * The report pages in a real browser on the synthetic data set: the administrator's national view, an LA data
 * manager's own view, the CSV download, refusal for other roles; every page passes axe.
 */
@CpisIntegrationTest(properties = "cpis.test-hub=synthetic")
class ReportsBrowserIT {

    @AutoClose
    static final Browser browser = new Browser();

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext hub;

    @BeforeEach
    void generate() {
        SyntheticDataFixture.ensure(hub, 4000, 500, 3000, 0);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    @Test
    void the_administrator_reads_every_national_report_with_chart_and_table() {
        Page page = browser.signedIn(url(""), "admin");
        page.locator("#maincontent")
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Reports"))
                .click();
        assertThat(page).hasURL(url("/reports"));
        assertThat(page.locator("main")).containsText("All local authorities in England");
        Browser.assertAccessible(page);
        for (ReportKind kind : ReportKind.values()) {
            page.navigate(url("/reports/" + kind.path()));
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(kind.title())))
                    .isVisible();
            assertThat(page.getByRole(AriaRole.IMG).last()).isVisible();
            assertThat(page.locator("#report-table tbody tr").first()).isVisible();
            Browser.assertAccessible(page);
        }
        page.navigate(url("/reports/nhs-numbers"));
        assertThat(page.locator("#report-table")).containsText("Birmingham");
        assertThat(page.locator("#report-table")).containsText("Leeds");
        // The operator's metrics, with the administrator's own session.
        APIResponse metrics = page.request().get(url("/actuator/prometheus"));
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.text()).contains("cpis_database_up");
    }

    @Test
    void an_la_data_manager_sees_only_their_own_authority_and_downloads_the_csv() {
        Page page = browser.signedIn(url(""), "data.manager");
        page.navigate(url("/reports/review-times"));
        assertThat(page.locator("main")).containsText("Birmingham");
        assertThat(page.locator("#report-table tbody tr")).hasCount(1);
        assertThat(page.locator("#report-table tbody")).containsText("E08000025");
        Browser.assertAccessible(page);

        APIResponse csv = page.request().get(url("/reports/review-times.csv"));
        assertThat(csv.status()).isEqualTo(200);
        String body = new String(csv.body(), StandardCharsets.UTF_8);
        assertThat(body).startsWith("Local authority,ODS code,Reviewed,Median (hours),90th percentile (hours)\r\n");
        assertThat(body).contains("E08000025").doesNotContain("E08000035");
        assertThat(page.request().get(url("/actuator/prometheus")).status()).isIn(401, 403);
    }

    @Test
    void a_social_worker_cannot_read_reports() {
        Page page = browser.signedIn(url(""), "social.worker");
        Response response = page.navigate(url("/reports"));
        assertThat(response.status()).isEqualTo(403);
    }
}
