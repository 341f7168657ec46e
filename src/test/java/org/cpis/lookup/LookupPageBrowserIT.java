package org.cpis.lookup;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.util.function.Consumer;
import org.cpis.CpisIntegrationTest;
import org.cpis.HubClient;
import org.cpis.records.RecordRules;
import org.cpis.shared.EnglandDate;
import org.cpis.shared.NhsNumber;
import org.cpis.shared.PlanType;
import org.cpis.shared.web.ViewFormat;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import testsupport.Browser;
import testsupport.TestNhsNumbers;
import testsupport.TestRecord;
import testsupport.UploadFile;

/**
 * The clinician's CP-IS check in a real browser: records loaded through the real upload API, looked up by NHS number
 * from an unscheduled and a scheduled setting, the not-found page that reveals nothing, form errors, and accessibility.
 */
@CpisIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LookupPageBrowserIT {

    private static final String PASSWORD = "demo-password";
    private static final String BIRMINGHAM = "E08000025";

    @AutoClose
    static final Browser browser = new Browser();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    LocalDate today;

    /** A child on a child protection plan with Birmingham. */
    String child;

    LocalDate childDateOfBirth;

    /** A pregnant woman on an unborn child protection plan with Birmingham. */
    String mother;

    LocalDate expectedDelivery;

    /** A child whose plan Birmingham withdrew as recorded in error. */
    String withdrawn;

    @BeforeAll
    void loadRecordsThroughTheUploadApi() {
        today = EnglandDate.today(clock);
        child = TestNhsNumbers.next();
        mother = TestNhsNumbers.next();
        withdrawn = TestNhsNumbers.next();
        childDateOfBirth = today.minusYears(6).minusDays(40);
        expectedDelivery = today.plusDays(60);

        HubClient hub = new HubClient(port);
        String token = hub.accessToken("birmingham-case-system", "demo-secret");
        Consumer<TestRecord> withdrawnPlan = r -> r.nhsNumber(withdrawn)
                .localId("L-W1")
                .familyName("Brown")
                .givenNames("Carl")
                .dateOfBirth("2016-02-03")
                .startDate(today.minusDays(10));
        UploadFile.Builder file = UploadFile.builder()
                .row(r -> r.nhsNumber(child)
                        .localId("L-C1")
                        .dateOfBirth(childDateOfBirth)
                        .startDate(today.minusDays(30)))
                .row(r -> r.nhsNumber(mother)
                        .localId("L-M1")
                        .familyName("Jones")
                        .givenNames("Beth")
                        .dateOfBirth("1995-05-10")
                        .planType(PlanType.UCPP)
                        .startDate(today.minusDays(20))
                        .expectedDeliveryDate(expectedDelivery))
                .row(withdrawnPlan);
        assertLoaded(hub.upload(token, file));
        // Withdrawn the next day as recorded in error: from now on nothing may show that it ever existed.
        UploadFile.Builder withdrawal = UploadFile.builder().row(withdrawnPlan.andThen(r -> r.deleteDate(today)));
        assertLoaded(hub.upload(token, withdrawal));
    }

    private static void assertLoaded(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(HubClient.json(response).get("status").asString())
                .as(response.body())
                .isEqualTo("ALL_LOADED");
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private Page signIn(String username) {
        return browser.signedIn(url(""), username);
    }

    private static void check(Page page, String nhsNumber, LocalDate dateOfBirth) {
        page.getByLabel("NHS number").fill(nhsNumber);
        if (dateOfBirth != null) {
            page.getByLabel("Day").fill(String.valueOf(dateOfBirth.getDayOfMonth()));
            page.getByLabel("Month").fill(String.valueOf(dateOfBirth.getMonthValue()));
            page.getByLabel("Year").fill(String.valueOf(dateOfBirth.getYear()));
        }
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Check CP-IS"))
                .click();
    }

    private Page lookupPage(String username) {
        Page page = signIn(username);
        page.navigate(url("/lookup"));
        return page;
    }

    private static Locator heading(Page page) {
        return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1));
    }

    private static String spaced(String nhs) {
        return NhsNumber.of(nhs).formatted();
    }

    private int accesses(String nhs, String actor, boolean unscheduled) {
        return jdbc.sql("""
                        select count(*) from lookup.access
                         where nhs_number = :n and actor_id = :a and unscheduled = :u and channel = 'WEB'
                        """)
                .param("n", nhs)
                .param("a", actor)
                .param("u", unscheduled)
                .query(Integer.class)
                .single();
    }

    @Test
    void the_form_is_on_the_clinicians_home_page_and_accessible() {
        Page page = signIn("ed.clinician");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Check CP-IS for a child or pregnant woman"))
                .click();

        assertThat(page).hasURL(url("/lookup"));
        assertThat(heading(page)).hasText("Check CP-IS for a child or pregnant woman");
        Locator nhsNumber = page.getByLabel("NHS number");
        assertThat(nhsNumber).hasAttribute("inputmode", "numeric");
        assertThat(nhsNumber).hasClass(java.util.regex.Pattern.compile(".*nhsuk-input--width-10.*"));
        assertThat(page.locator("#nhs-number-hint")).hasText("10 digits, for example 943 476 5919");
        assertThat(page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("Date of birth (optional)")))
                .isVisible();
        assertThat(page.locator("footer")).containsText("CP-IS does not replace your usual safeguarding processes.");
        Browser.assertAccessible(page);
    }

    @Test
    void an_unscheduled_clinician_sees_the_plan_and_the_previous_accesses_and_the_la_is_told() {
        int before = accesses(child, "ed.clinician", true);
        Page page = lookupPage("ed.clinician");

        check(page, spaced(child), null);

        assertThat(page).hasURL(url("/lookup"));
        assertThat(page.url()).doesNotContain(child);
        assertThat(heading(page)).hasText("CP-IS information found");
        assertThat(page.getByTestId("nhs-number")).hasText(spaced(child));
        Locator alert = page.getByTestId("alert");
        assertThat(alert).hasCount(1);
        assertThat(alert.getByRole(AriaRole.HEADING)).containsText("Child protection plan");
        assertThat(alert).containsText("Birmingham City Council");
        assertThat(alert).containsText("Emergency duty team (out of hours)");
        Locator emergency = alert.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("0121 496 0100"));
        assertThat(emergency).hasAttribute("href", "tel:01214960100");
        assertThat(alert.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("0121 496 0500")))
                .hasAttribute("href", "tel:01214960500");
        assertThat(alert.getByTestId("plan-ends"))
                .hasText(ViewFormat.date(RecordRules.eighteenthBirthday(childDateOfBirth))
                        + " (18th birthday), unless the local authority ends it sooner");
        assertThat(page.locator("main")).containsText("No previous unscheduled care accesses");
        assertThat(page.getByTestId("notification")).hasText("The local authority has been told about this check.");
        assertThat(page.locator("footer")).containsText("CP-IS does not replace your usual safeguarding processes.");
        Browser.assertAccessible(page);
        assertThat(accesses(child, "ed.clinician", true)).isEqualTo(before + 1);

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Check another NHS number"))
                .click();
        assertThat(page).hasURL(url("/lookup"));
        check(page, child, childDateOfBirth);

        assertThat(heading(page)).hasText("CP-IS information found");
        Locator previous = page.getByTestId("previous-accesses");
        assertThat(previous.locator("tbody tr")).hasCount(before + 1);
        assertThat(previous).containsText("Northfield General Hospital Emergency Department (X1A01)");
        assertThat(previous).containsText("Emergency department");
        assertThat(previous).containsText("Unscheduled-care clinician");
        assertThat(previous).containsText("Dr Amira Khan"); // the person who looked (issue 12)
        Browser.assertAccessible(page);
        assertThat(accesses(child, "ed.clinician", true)).isEqualTo(before + 2);
    }

    @Test
    void an_unborn_child_protection_plan_is_shown_on_the_mothers_nhs_number() {
        Page page = lookupPage("maternity.midwife");

        check(page, spaced(mother), LocalDate.of(1995, 5, 10));

        assertThat(heading(page)).hasText("CP-IS information found");
        Locator alert = page.getByTestId("alert");
        assertThat(alert.getByRole(AriaRole.HEADING)).containsText("Unborn child protection plan");
        assertThat(alert).containsText("Unborn child protection plan — held on the mother's NHS number");
        assertThat(alert).containsText("Expected delivery date");
        assertThat(alert).containsText(expectedDelivery.getYear() + "");
        assertThat(alert).containsText("Birmingham City Council");
        Browser.assertAccessible(page);
    }

    @Test
    void a_number_never_loaded_shows_no_cp_is_information() {
        String never = TestNhsNumbers.next();
        Page page = lookupPage("ed.clinician");

        check(page, never, null);

        assertThat(page).hasURL(url("/lookup"));
        assertThat(heading(page)).hasText("No CP-IS information");
        assertThat(page.locator("main")).containsText(spaced(never));
        assertThat(page.locator("main")).containsText("This does not mean the child is not at risk.");
        assertThat(page.locator("footer")).containsText("CP-IS does not replace your usual safeguarding processes.");
        assertThat(page.locator("main")).containsText("contact the local authority");
        assertThat(page.getByTestId("alert")).hasCount(0);
        Browser.assertAccessible(page);
        assertThat(accesses(never, "ed.clinician", true)).isZero();
    }

    /**
     * Issue 16 changed this: a wrong date of birth used to look exactly like no record, which at 3 a.m. is false
     * reassurance. It now shows the record with a warning that its details do not match and what to do, and is an
     * access like any other. A withdrawn record still looks exactly like no record.
     */
    @Test
    void a_wrong_date_of_birth_shows_the_record_with_a_warning_and_a_withdrawn_record_looks_like_no_record() {
        // The mother's record, so that the child's own access history stays as the first test expects it.
        LocalDate wrong = LocalDate.of(1995, 5, 11);
        int before = accesses(mother, "ed.clinician", true);
        Page page = lookupPage("ed.clinician");

        check(page, mother, wrong);
        assertThat(heading(page)).hasText("CP-IS information found: date of birth does not match");
        Locator warning = page.getByTestId("dob-mismatch");
        assertThat(warning).containsText("This NHS number has a CP-IS record, but the date of birth you entered");
        assertThat(warning).containsText("Check the NHS number and date of birth");
        assertThat(page.getByTestId("alert")).hasCount(1);
        assertThat(page.getByTestId("alert")).containsText("Does not match the date of birth you entered");
        assertThat(page.getByTestId("alert")).containsText("0121 496 0100");
        assertThat(page.getByTestId("notification")).hasText("The local authority has been told about this check.");
        Browser.assertAccessible(page);
        assertThat(accesses(mother, "ed.clinician", true))
                .as("a check that shows a record is an access, whatever date of birth was typed")
                .isEqualTo(before + 1);

        page.navigate(url("/lookup"));
        check(page, withdrawn, null);
        assertThat(heading(page)).hasText("No CP-IS information");
        String withdrawnPage = page.locator("main").innerHTML().replace(spaced(withdrawn), "NHS");
        String never = TestNhsNumbers.next();
        page.navigate(url("/lookup"));
        check(page, never, null);
        String neverLoadedNoDob = page.locator("main").innerHTML().replace(spaced(never), "NHS");
        assertThat(withdrawnPage).isEqualTo(neverLoadedNoDob);
        assertThat(accesses(withdrawn, "ed.clinician", true)).isZero();
    }

    @Test
    void invalid_input_shows_the_error_summary_and_looks_nothing_up() {
        Page page = lookupPage("ed.clinician");

        check(page, "943 476 5918", null);

        assertThat(page).hasTitle("Error: Check CP-IS – CP-IS");
        Locator summary = page.locator(".nhsuk-error-summary");
        assertThat(summary).isVisible();
        assertThat(summary).containsText("There is a problem");
        Locator link =
                summary.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Enter a valid NHS number"));
        assertThat(link).hasAttribute("href", "#nhs-number");
        assertThat(page.locator("#nhs-number-error")).hasText("Error: Enter a valid NHS number");
        assertThat(page.getByLabel("NHS number")).hasValue("943 476 5918");
        assertThat(page.getByLabel("NHS number")).hasAttribute("aria-describedby", "nhs-number-hint nhs-number-error");
        Browser.assertAccessible(page);

        check(page, "", null);
        assertThat(page.locator(".nhsuk-error-summary")).containsText("Enter a 10-digit NHS number");

        check(page, "12345", null);
        assertThat(page.locator(".nhsuk-error-summary")).containsText("Enter a 10-digit NHS number");

        page.getByLabel("NHS number").fill(child);
        page.getByLabel("Day").fill("31");
        page.getByLabel("Month").fill("2");
        page.getByLabel("Year").fill("2019");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Check CP-IS"))
                .click();
        assertThat(page.locator(".nhsuk-error-summary")).containsText("Enter a real date of birth");
        assertThat(page.locator("#dob-error")).hasText("Error: Enter a real date of birth");
        assertThat(page.locator(".nhsuk-error-summary a")).hasAttribute("href", "#dob-day");

        page.getByLabel("Day").fill("3");
        page.getByLabel("Month").fill("4");
        page.getByLabel("Year").fill("");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Check CP-IS"))
                .click();
        assertThat(page.locator(".nhsuk-error-summary")).containsText("Date of birth must include a year");
        assertThat(page.locator(".nhsuk-error-summary a")).hasAttribute("href", "#dob-year");
        assertThat(page.getByLabel("Year")).hasClass(java.util.regex.Pattern.compile(".*nhsuk-input--error.*"));
        assertThat(page.getByLabel("Day")).not().hasClass(java.util.regex.Pattern.compile(".*nhsuk-input--error.*"));
        Browser.assertAccessible(page);
    }

    @Test
    void a_scheduled_clinician_sees_the_plan_silently() {
        int before = accesses(child, "gp.clinician", false);
        Page page = lookupPage("gp.clinician");

        check(page, spaced(child), null);

        assertThat(heading(page)).hasText("CP-IS information found");
        assertThat(page.getByTestId("alert").getByRole(AriaRole.HEADING)).containsText("Child protection plan");
        assertThat(page.getByTestId("alert")).containsText("Birmingham City Council");
        assertThat(page.getByTestId("notification"))
                .hasText("This check is silent: scheduled care settings do not notify the local authority.");
        Browser.assertAccessible(page);
        assertThat(accesses(child, "gp.clinician", false)).isEqualTo(before + 1);
        assertThat(accesses(child, "gp.clinician", true)).isZero();
    }

    @Test
    void a_social_worker_may_not_check_cp_is() {
        Page page = signIn("social.worker");

        Response refused = page.navigate(url("/lookup"));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(heading(page)).hasText("You do not have access to this page");
        assertThat(page.getByLabel("NHS number")).hasCount(0);
    }
}
