package org.cpis.identity;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import testsupport.Browser;

/** Signing in and out with the local form, as a person does in a real browser, and the pages' accessibility. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "cpis.database.embedded.ephemeral=true")
class SignInBrowserIT {

    private static final String PASSWORD = "demo-password";

    @AutoClose
    static final Browser browser = new Browser();

    @LocalServerPort
    int port;

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private Page signIn(String username, String password) {
        return browser.signIn(url(""), username, password);
    }

    @Test
    void anonymousVisitorLandsOnAnAccessibleSignInPage() {
        Page page = browser.newPage();

        page.navigate(url("/"));

        assertThat(page).hasURL(url("/login"));
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText("Sign in to CP-IS");
        assertThat(page.getByTestId("signed-in-as")).hasCount(0);
        Browser.assertAccessible(page);
    }

    @Test
    void signedInPersonSeesTheirNameRoleAndOrganisationOnAnAccessibleHomePage() {
        Page page = signIn("ed.clinician", PASSWORD);

        assertThat(page).hasURL(url("/"));
        var signedInAs = page.getByTestId("signed-in-as");
        assertThat(signedInAs).containsText("Dr Amira Khan");
        assertThat(signedInAs).containsText("Unscheduled-care clinician");
        assertThat(signedInAs).containsText("Northfield General Hospital Emergency Department");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText("Unscheduled-care clinician");
        Browser.assertAccessible(page);
    }

    @Test
    void wrongPasswordShowsTheErrorSummaryAndStaysSignedOut() {
        Page page = signIn("ed.clinician", "not-the-password");

        assertThat(page).hasURL(url("/login?error"));
        assertThat(page.locator(".nhsuk-error-summary")).isVisible();
        assertThat(page.locator(".nhsuk-error-summary")).containsText("There is a problem");
        assertThat(page.locator(".nhsuk-error-summary")).containsText("Enter a valid username and password");
        assertThat(page.getByTestId("signed-in-as")).hasCount(0);

        page.navigate(url("/"));
        assertThat(page).hasURL(url("/login"));
        assertThat(page.getByTestId("signed-in-as")).hasCount(0);
    }

    @Test
    void signingOutReturnsToTheSignInPage() {
        Page page = signIn("ed.clinician", PASSWORD);
        assertThat(page.getByTestId("signed-in-as")).isVisible();

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out"))
                .click();

        assertThat(page).hasURL(url("/login?signedOut"));
        assertThat(page.getByText("You have signed out")).isVisible();
        assertThat(page.getByTestId("signed-in-as")).hasCount(0);
        page.navigate(url("/"));
        assertThat(page).hasURL(url("/login"));
    }

    @Test
    void onlyAnAdministratorReachesTheOrganisationsPage() {
        Page socialWorker = signIn("social.worker", PASSWORD);
        assertThat(socialWorker).hasURL(url("/"));
        Response refused = socialWorker.navigate(url("/admin/organisations"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(socialWorker.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText("You do not have access to this page");
        assertThat(socialWorker.locator("table")).hasCount(0);

        Page admin = signIn("admin", PASSWORD);
        assertThat(admin).hasURL(url("/"));
        admin.navigate(url("/admin/organisations"));
        admin.getByLabel("Name or ODS code").fill("Birmingham");
        admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search"))
                .click();

        assertThat(admin).hasURL(Pattern.compile(".*/admin/organisations\\?q=Birmingham$"));
        assertThat(admin.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText("Organisations");
        assertThat(admin.locator("table.nhsuk-table tbody")).containsText("Birmingham City Council");
        assertThat(admin.locator("table.nhsuk-table tbody")).containsText("E08000025");
    }
}
