package org.cpis.admin;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.cpis.CpisIntegrationTest;
import org.cpis.HubClient;
import org.cpis.shared.EnglandDate;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import testsupport.Browser;
import testsupport.TestClock;
import testsupport.TestNhsNumbers;
import testsupport.UploadFile;

/**
 * Issue 14 end to end, as a new administrator and a new LA data manager would do it in a real browser: the
 * administrator registers an LA, its data manager and duty team, and its case system; the case system uploads; a
 * clinician's lookup shows the LA's numbers; the data manager corrects them and the next lookup shows the change; the
 * client's secret is rotated with an overlap and revoked; the LA is deactivated. Every page passes axe, and every
 * administrative action is in the audit trail.
 */
@CpisIntegrationTest
class AdministrationBrowserIT {

    private static final String PASSWORD = "a-long-enough-password";

    @AutoClose
    static final Browser browser = new Browser();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestClock clock;

    private HubClient hub;
    private String suffix;
    private String ods;

    @BeforeEach
    void fresh() {
        hub = new HubClient(port);
        suffix = String.valueOf(ThreadLocalRandom.current().nextInt(100_000, 1_000_000));
        ods = "E99" + suffix;
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static Locator h1(Page page) {
        return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1));
    }

    private static void press(Page page, String button) {
        page.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName(button).setExact(true))
                .click();
    }

    private static void menu(Page page, String link) {
        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Menu"))
                .getByRole(
                        AriaRole.LINK,
                        new Locator.GetByRoleOptions().setName(link).setExact(true))
                .click();
    }

    private int audited(String action, String ref) {
        return jdbc.sql("select count(*) from audit.event where action = :a and subject_ref = :r and outcome = 'DONE'")
                .param("a", action)
                .param("r", ref)
                .query(Integer.class)
                .single();
    }

    @Test
    void anAdministratorSetsUpALocalAuthorityWhoseDataManagerKeepsItsNumbers() {
        Page admin = browser.signedIn(url(""), "admin");
        assertThat(admin.getByTestId("signed-in-as")).hasText(Pattern.compile("^\\S.*, Administrator, NHS England$"));

        // The registry: paged, searchable, with numbers and mailboxes.
        menu(admin, "Organisations");
        assertThat(h1(admin)).hasText("Organisations");
        assertThat(admin.getByTestId("organisations").locator("tbody tr")).hasCount(50);
        assertThat(admin.getByTestId("organisations-count")).containsText("Showing 1 to 50 of");
        Browser.assertAccessible(admin);
        admin.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Pagination"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Next"))
                .click();
        assertThat(admin.getByTestId("organisations-count")).containsText("Showing 51 to 100 of");
        admin.getByLabel("Name or ODS code").fill("Birmingham");
        press(admin, "Search");
        Locator birmingham = admin.getByTestId("organisations").locator("tbody tr");
        assertThat(birmingham.first()).containsText("E08000025");
        assertThat(birmingham.first()).containsText("Emergency duty:");
        assertThat(birmingham.first()).containsText("Duty and advice:");

        // A new local authority; the form says what is missing first.
        admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add an organisation"))
                .click();
        press(admin, "Add organisation");
        assertThat(admin.locator(".nhsuk-error-summary")).containsText("Enter the ODS code");
        assertThat(admin.locator(".nhsuk-error-summary")).containsText("Select the kind of organisation");
        assertThat(admin).hasTitle(Pattern.compile("^Error: .*"));
        Browser.assertAccessible(admin);
        admin.getByLabel("ODS code").fill(ods);
        admin.getByLabel("Local authority", new Page.GetByLabelOptions().setExact(true))
                .check();
        admin.getByLabel("Name").fill("Testshire Council " + suffix);
        admin.getByLabel("Emergency duty (out of hours) number").fill("0191 498 0001");
        admin.getByLabel("Duty and advice team mailbox (optional)").fill("duty@testshire.example");
        press(admin, "Add organisation");
        assertThat(admin).hasURL(url("/admin/organisations/" + ods));
        assertThat(admin.getByTestId("success")).containsText("Organisation saved");
        Browser.assertAccessible(admin);

        // Its data manager and duty team.
        String manager = "dm." + suffix;
        addPerson(admin, manager, "Sam Patel", "LA_DATA_MANAGER");
        addPerson(admin, "duty." + suffix, "Alex Jones", "DUTY_TEAM");
        com.microsoft.playwright.Response list = admin.navigate(url("/admin/people"));
        assertThat(list.status()).as(admin.content()).isEqualTo(200);
        admin.getByLabel("Name, username, email or ODS code").fill(ods);
        press(admin, "Search");
        Locator people = admin.getByTestId("people").locator("tbody tr");
        assertThat(people).hasCount(2);
        assertThat(people.filter(new Locator.FilterOptions().setHasText(manager)))
                .containsText("Never");
        Browser.assertAccessible(admin);

        // Its case system: the secret is shown once.
        String clientId = "testshire-" + suffix;
        menu(admin, "API clients");
        Browser.assertAccessible(admin);
        admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add an API client"))
                .click();
        admin.getByLabel("Client ID").fill(clientId);
        admin.getByLabel("Name").fill("Testshire case system");
        admin.getByLabel("Role").selectOption("LA_SYSTEM");
        admin.getByLabel("Organisation ODS code").fill(ods);
        press(admin, "Add API client");
        assertThat(h1(admin)).hasText("API client created");
        String secret = admin.getByTestId("client-secret").textContent().strip();
        assertThat(secret).hasSizeGreaterThanOrEqualTo(40);
        Browser.assertAccessible(admin);
        admin.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Back to the API client"))
                .click();
        assertThat(admin.locator("body")).not().containsText(secret);
        Browser.assertAccessible(admin);

        String token = hub.accessToken(clientId, secret);
        String child = TestNhsNumbers.next();
        LocalDate today = EnglandDate.today(clock);
        HttpResponse<String> upload = hub.upload(
                token,
                UploadFile.builder()
                        .row(r -> r.nhsNumber(child)
                                .localId("TS-" + suffix)
                                .familyName("Ashworth")
                                .givenNames("Maisie")
                                .dateOfBirth(today.minusYears(5))
                                .startDate(today.minusDays(30))));
        assertThat(upload.statusCode()).as(upload.body()).isBetween(200, 201);

        assertThat(emergencyNumberShownToClinician(child)).isEqualTo("0191 498 0001");

        // The new data manager: reminded to confirm, corrects the number, and the next lookup shows it.
        Page dm = browser.signIn(url(""), manager, PASSWORD);
        assertThat(dm).hasURL(url("/"));
        assertThat(dm.getByTestId("signed-in-as"))
                .hasText("Sam Patel, Local authority data manager, Testshire Council " + suffix);
        assertThat(dm.getByTestId("confirm-contacts")).containsText("Confirm your contact details");
        assertThat(dm.getByTestId("email-backup-off")).containsText("The email backup is off");
        Browser.assertAccessible(dm);
        menu(dm, "Contact details");
        assertThat(h1(dm)).hasText("Contact details");
        assertThat(dm.getByTestId("confirmed-on")).containsText("Not yet confirmed");
        assertThat(dm.getByLabel("Emergency duty (out of hours) number")).hasValue("0191 498 0001");
        Browser.assertAccessible(dm);
        dm.getByLabel("Emergency duty (out of hours) number").fill("not a number");
        press(dm, "Save and confirm");
        assertThat(dm.locator(".nhsuk-error-summary")).containsText("Enter a phone number in digits and spaces");
        Browser.assertAccessible(dm);
        dm.getByLabel("Emergency duty (out of hours) number").fill("0191 498 0002");
        dm.getByLabel("Office-hours number (optional)").fill("0191 498 0003");
        press(dm, "Save and confirm");
        assertThat(dm.getByTestId("success")).containsText("Contact details saved");
        assertThat(dm.getByTestId("confirmed-on")).containsText(org.cpis.shared.web.ViewFormat.date(today));
        Browser.assertAccessible(dm);
        menu(dm, "Home");
        assertThat(dm.getByTestId("confirm-contacts")).hasCount(0);
        assertThat(audited("LA_CONTACTS_UPDATED", ods)).isEqualTo(1);

        assertThat(emergencyNumberShownToClinician(child)).isEqualTo("0191 498 0002");

        // The reminder comes back when the confirmation is more than 90 days old, not on the 90th day.
        try {
            clock.setDate(today.plusDays(90));
            dm.navigate(url("/"));
            assertThat(dm.getByTestId("confirm-contacts")).hasCount(0);
            clock.setDate(today.plusDays(91));
            dm.navigate(url("/"));
            assertThat(dm.getByTestId("confirm-contacts")).isVisible();
        } finally {
            clock.reset();
        }

        // The last sign-in is on the administrator's page.
        admin.navigate(url("/admin/people/" + manager));
        assertThat(admin.getByTestId("last-sign-in")).not().hasText("Never");
        Browser.assertAccessible(admin);

        rotateAndRevoke(admin, clientId, secret, token);

        // Deactivated, the LA's people can no longer sign in.
        admin.navigate(url("/admin/organisations/" + ods));
        press(admin, "Deactivate organisation");
        assertThat(admin.getByTestId("success")).containsText("Organisation deactivated");
        Browser.assertAccessible(admin);
        Page refused = browser.signIn(url(""), manager, PASSWORD);
        assertThat(refused).hasURL(Pattern.compile(".*/login\\?error.*"));

        assertThat(audited("ORGANISATION_CREATED", ods)).isEqualTo(1);
        assertThat(audited("PERSON_CREATED", manager)).isEqualTo(1);
        assertThat(audited("API_CLIENT_CREATED", clientId)).isEqualTo(1);
        assertThat(audited("API_CLIENT_SECRET_ROTATED", clientId)).isEqualTo(1);
        assertThat(audited("API_CLIENT_REVOKED", clientId)).isEqualTo(1);
        assertThat(audited("ORGANISATION_DEACTIVATED", ods)).isEqualTo(1);
    }

    private void rotateAndRevoke(Page admin, String clientId, String oldSecret, String oldToken) {
        admin.navigate(url("/admin/api-clients/" + clientId));
        admin.getByLabel("24 hours").check();
        press(admin, "Rotate secret");
        assertThat(admin.getByTestId("overlap-note")).containsText("keeps working for 24 hours");
        String newSecret = admin.getByTestId("client-secret").textContent().strip();
        assertThat(newSecret).isNotEqualTo(oldSecret);
        // During the overlap both secrets get tokens.
        assertThat(hub.token(clientId, oldSecret).statusCode()).isEqualTo(200);
        assertThat(hub.token(clientId, newSecret).statusCode()).isEqualTo(200);
        assertThat(hub.token(clientId, "not-the-secret").statusCode()).isEqualTo(401);

        admin.navigate(url("/admin/api-clients/" + clientId));
        assertThat(admin.getByTestId("client-summary")).containsText("Previous secret works until");
        press(admin, "Revoke API client");
        assertThat(admin.getByTestId("client-status")).containsText("Revoked");
        Browser.assertAccessible(admin);
        // At once: no new token, and the token it already holds is refused.
        assertThat(hub.token(clientId, newSecret).statusCode()).isEqualTo(401);
        assertThat(hub.get("/api/v1/me", oldToken).statusCode()).isEqualTo(401);
    }

    private void addPerson(Page admin, String username, String name, String role) {
        admin.navigate(url("/admin/people/new"));
        Browser.assertAccessible(admin);
        admin.getByLabel("Username").fill(username);
        admin.getByLabel("Full name").fill(name);
        admin.getByLabel("Work email (optional)").fill(username + "@testshire.example");
        admin.getByLabel("Role").selectOption(role);
        admin.getByLabel("Organisation ODS code").fill(ods);
        admin.getByLabel("Password (optional)").fill(PASSWORD);
        press(admin, "Add person");
        assertThat(admin).hasURL(url("/admin/people/" + username));
        assertThat(admin.getByTestId("success")).containsText("Person saved.");
        assertThat(admin.getByTestId("person-summary")).containsText("Never");
    }

    private String emergencyNumberShownToClinician(String child) {
        Page page = browser.signedIn(url(""), "ed.clinician");
        page.navigate(url("/lookup"));
        page.getByLabel("NHS number").fill(child);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Check CP-IS"))
                .click();
        Locator alert = page.getByTestId("alert");
        assertThat(alert).hasCount(1);
        return alert.locator("a[href^='tel:']").first().textContent().strip();
    }
}
