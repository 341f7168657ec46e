package org.cpis.admin;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.cpis.CpisIntegrationTest;
import org.cpis.HubClient;
import org.cpis.shared.EnglandDate;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import testsupport.Browser;
import testsupport.TestNhsNumbers;
import testsupport.UploadFile;

/**
 * Pages people work in all day (issue 14, item 3), in a real browser at 1280 px wide: a menu for each role, nothing
 * loaded from another host, wide tables (notifications, duty view, uploads, records) whose last column fits, a notification that names the child and opens the
 * record, a records row that opens the record, and the e-mail backup said to be off without SMTP.
 */
@CpisIntegrationTest
class EverydayPagesBrowserIT {

    @AutoClose
    static final Browser browser = new Browser();

    @LocalServerPort
    int port;

    @Autowired
    Clock clock;

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** The table's last column ends inside its scroll region: nothing is cut off. */
    private static void fits(Page page, String testId) {
        Locator table = page.getByTestId(testId);
        assertThat(table).isVisible();
        double lastRight = number(table, "t => t.querySelector('thead th:last-child').getBoundingClientRect().right");
        double hidden = number(table, "t => t.parentElement.scrollWidth - t.parentElement.clientWidth");
        assertThat(page.viewportSize().width).isEqualTo(1280);
        // The last column is on the screen, and at most a border's width is left to scroll to.
        assertThat(lastRight).as(testId).isLessThanOrEqualTo(1280);
        assertThat(hidden).as(testId).isLessThanOrEqualTo(2);
    }

    private static double number(Locator element, String script) {
        return ((Number) element.evaluate(script)).doubleValue();
    }

    @Test
    void aNotificationNamesTheChildAndOpensTheRecordOnPagesThatLoadNothingFromOutside() {
        HubClient hub = new HubClient(port);
        LocalDate today = EnglandDate.today(clock);
        String child = TestNhsNumbers.next();
        HttpResponse<String> upload = hub.upload(
                hub.accessToken("birmingham-case-system", "demo-secret"),
                UploadFile.builder()
                        .row(r -> r.nhsNumber(child)
                                .localId("EVD-" + child.substring(5))
                                .familyName("Quenby")
                                .givenNames("Isla")
                                .dateOfBirth(today.minusYears(4))
                                .startDate(today.minusDays(10))
                                .allocatedWorker("sam.patel@birmingham.cpis.example")));
        assertThat(upload.statusCode()).as(upload.body()).isBetween(200, 201);

        Page clinician = browser.signedIn(url(""), "ed.clinician");
        assertThat(clinician.getByTestId("signed-in-as"))
                .hasText("Dr Amira Khan, Unscheduled-care clinician, Northfield General Hospital Emergency Department");
        clinician
                .getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Menu"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Check a child"))
                .click();
        clinician.getByLabel("NHS number").fill(child);
        clinician
                .getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Check CP-IS"))
                .click();
        assertThat(clinician.getByTestId("alert")).hasCount(1);
        assertThat(clinician.getByText(
                        "CP-IS does not replace your usual safeguarding processes", new Page.GetByTextOptions()))
                .hasCount(1);

        // Every request the social worker's pages make goes to the hub itself.
        Page worker = browser.newPage();
        List<String> hosts = new ArrayList<>();
        worker.onRequest(request -> hosts.add(URI.create(request.url()).getHost()));
        worker.navigate(url("/login"));
        worker.getByLabel("Username").fill("social.worker");
        worker.getByLabel("Password").fill(Browser.DEMO_PASSWORD);
        worker.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();
        worker.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Menu"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Your notifications"))
                .click();
        assertThat(worker.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Menu"))
                        .locator("[aria-current=page]"))
                .hasText("Your notifications");
        fits(worker, "notifications");
        worker.getByTestId("notifications")
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("EVD-" + child.substring(5)))
                .click();
        assertThat(worker.getByTestId("child-name")).hasText("QUENBY, Isla");
        Browser.assertAccessible(worker);
        worker.getByTestId("child")
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Child protection plan"))
                .click();
        assertThat(worker).hasURL(Pattern.compile(".*/records/[0-9]+$"));
        assertThat(worker.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText("QUENBY, Isla");
        assertThat(worker.getByTestId("record")).containsText("sam.patel@birmingham.cpis.example");
        Browser.assertAccessible(worker);
        assertThat(hosts).isNotEmpty().allMatch("localhost"::equals);
        String css = worker.request().get(url("/nhsuk-frontend.min.css")).text();
        assertThat(css).doesNotContain("https://", "//assets.nhs.uk");

        // The data manager's records row opens the record; wide tables fit; the e-mail backup is said to be off.
        Page manager = browser.signedIn(url(""), "data.manager");
        assertThat(manager.getByTestId("email-backup-off")).containsText("The email backup is off");
        manager.navigate(url("/uploads"));
        fits(manager, "uploads");
        Browser.assertAccessible(manager);
        manager.navigate(url("/records?q=" + child));
        fits(manager, "records");
        manager.getByTestId("records").getByRole(AriaRole.LINK).first().click();
        assertThat(manager.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText("QUENBY, Isla");
        Browser.assertAccessible(manager);

        Page duty = browser.signedIn(url(""), "duty.team");
        duty.navigate(url("/notifications?view=unreviewed"));
        assertThat(duty.getByTestId("email-backup-off")).isVisible();
        fits(duty, "notifications");
        Browser.assertAccessible(duty);
        assertThat(duty.getByLabel("Outcome")).isVisible();
    }
}
