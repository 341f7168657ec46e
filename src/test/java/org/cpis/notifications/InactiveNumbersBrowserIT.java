package org.cpis.notifications;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.net.http.HttpResponse;
import org.cpis.CpisIntegrationTest;
import org.cpis.HubClient;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import testsupport.Browser;
import testsupport.TestNhsNumbers;
import testsupport.UploadFile;

/**
 * Issue 18, item 4, in a real browser with axe: the operator's administrator marks a number inactive, and the data
 * manager of the LA that holds it finds the notice on the LA's own page, in full there and nowhere else.
 */
@CpisIntegrationTest
class InactiveNumbersBrowserIT {

    @AutoClose
    static final Browser browser = new Browser();

    @LocalServerPort
    int port;

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    @Test
    void anAdministratorMarksANumberInactiveAndTheHoldingLasDataManagerSeesTheNotice() {
        HubClient hub = new HubClient(port);
        String child = TestNhsNumbers.next();
        String localId = "INB-" + child.substring(5);
        HttpResponse<String> upload = hub.upload(
                hub.accessToken("birmingham-case-system", "demo-secret"),
                UploadFile.builder().row(r -> r.nhsNumber(child).localId(localId)));
        assertThat(upload.statusCode()).as(upload.body()).isBetween(200, 201);

        Page admin = browser.signedIn(url(""), "admin");
        admin.navigate(url("/admin/nhs-numbers"));
        Browser.assertAccessible(admin);
        admin.getByLabel("NHS number", new Page.GetByLabelOptions().setExact(true))
                .fill(child);
        admin.getByLabel("Inactive", new Page.GetByLabelOptions().setExact(true))
                .check();
        admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Mark and tell the local authorities"))
                .click();
        assertThat(admin.locator("#marked")).containsText("Local authorities told now: 1");
        Browser.assertAccessible(admin);

        Page manager = browser.signedIn(url(""), "data.manager");
        manager.navigate(url("/inactive-nhs-numbers"));
        assertThat(manager.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText("Inactive NHS numbers");
        assertThat(manager.getByTestId("notice")
                        .filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText(localId)))
                .hasCount(1);
        Browser.assertAccessible(manager);

        // Another LA's data manager is not told about Birmingham's child.
        Page leeds = browser.signedIn(url(""), "leeds.data.manager");
        leeds.navigate(url("/inactive-nhs-numbers"));
        assertThat(leeds.getByText(localId)).hasCount(0);
    }
}
