package org.cpis.uploads;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.regex.Pattern;
import org.cpis.CpisIntegrationTest;
import org.cpis.shared.EnglandDate;
import org.cpis.shared.PlanType;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import testsupport.Browser;
import testsupport.TestNhsNumbers;
import testsupport.UploadFile;

/**
 * The LA data manager's pages in a real browser: uploading a file, reading its acknowledgement, finding the loaded
 * records; each LA sees only its own; other roles are refused; every page passes axe.
 */
@CpisIntegrationTest(properties = "cpis.uploads.max-rows=30")
class LaPagesBrowserIT {

    private static final String PASSWORD = "demo-password";

    @AutoClose
    static final Browser browser = new Browser();

    @LocalServerPort
    int port;

    @Autowired
    Clock clock;

    @TempDir
    Path temp;

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private Page signIn(String username) {
        return browser.signedIn(url(""), username);
    }

    private Path csv(String name, String content) throws IOException {
        Path file = temp.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private static void chooseAndUpload(Page page, Path file) {
        // The NHS.UK file-upload script puts its own button over the input; files go to the input itself.
        page.locator("input[type=file]").setInputFiles(file);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Upload file"))
                .click();
    }

    private static String plans(int count, String dob) {
        return UploadFile.builder()
                .rows(
                        count,
                        r -> r.familyName("Doe")
                                .givenNames("Sam")
                                .dateOfBirth(dob)
                                .startDate(dob))
                .toCsv();
    }

    private static Locator h1(Page page) {
        return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1));
    }

    private static void search(Page page, String query) {
        page.getByLabel("Search by NHS number or local ID").fill(query);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search"))
                .click();
    }

    @Test
    void dataManagerUploadsAFileReadsTheAcknowledgementAndFindsTheRecords() throws IOException {
        LocalDate today = EnglandDate.today(clock);
        String dob = today.minusYears(6).toString();
        String start = today.minusDays(40).toString();
        String first = TestNhsNumbers.next();
        String second = TestNhsNumbers.next();
        String localId = "BRUM-" + second.substring(5);
        Path file = csv(
                "plans.csv",
                UploadFile.builder()
                        .row(r -> r.nhsNumber(first)
                                .localId("BRUM-" + first.substring(5))
                                .familyName("Ashworth")
                                .givenNames("Maisie")
                                .dateOfBirth(dob)
                                .startDate(start)
                                .allocatedWorker("maisie.worker@birmingham.example"))
                        // line 3: not an NHS number (no valid check digit for 123456789)
                        .row(r -> r.nhsNumber("1234567890")
                                .localId("SECRET-LOCAL-77")
                                .familyName("Quartermaine")
                                .givenNames("Ottoline")
                                .dateOfBirth(dob)
                                .startDate(start))
                        .row(r -> r.nhsNumber(second)
                                .localId(localId)
                                .familyName("Bellingham")
                                .givenNames("Theo")
                                .dateOfBirth(dob)
                                .planType(PlanType.LAC)
                                .startDate(start))
                        .toCsv());

        Page page = signIn("data.manager");
        page.locator("main")
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Uploads"))
                .click();
        assertThat(page).hasURL(url("/uploads"));
        assertThat(h1(page)).hasText("Uploads");

        chooseAndUpload(page, file);

        assertThat(page).hasURL(Pattern.compile(".*/uploads/[0-9a-f-]{36}$"));
        String uploadUrl = page.url();
        assertThat(page.getByTestId("upload-status")).containsText("Partially loaded");
        assertThat(page.getByTestId("upload-status")).containsText("PARTIALLY_LOADED");
        Locator rejected = page.locator("table.nhsuk-table tbody tr");
        assertThat(rejected).hasCount(1);
        assertThat(rejected.locator("th")).hasText("3");
        assertThat(rejected).containsText("nhs_number");
        assertThat(rejected).containsText("The NHS number is not 10 digits with a valid check digit");
        assertThat(rejected).containsText("INVALID_NHS_NUMBER");
        for (String personal : new String[] {"1234567890", "SECRET-LOCAL-77", "Quartermaine", "Ottoline"}) {
            assertThat(page.content()).doesNotContain(personal);
        }
        Browser.assertAccessible(page);

        String jsonHref = page.getByRole(
                        AriaRole.LINK, new Page.GetByRoleOptions().setName("Download the acknowledgement"))
                .getAttribute("href");
        APIResponse json = page.request().get(url(jsonHref));
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.headers().get("content-type")).startsWith("application/json");
        assertThat(json.text()).contains("\"status\":\"PARTIALLY_LOADED\"", "\"reason\":\"INVALID_NHS_NUMBER\"");
        assertThat(json.text()).doesNotContain("1234567890", "Quartermaine");

        page.locator("main")
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Uploads"))
                .first()
                .click();
        assertThat(page).hasURL(url("/uploads"));
        Locator uploads = page.locator("table.nhsuk-table tbody tr");
        assertThat(uploads.first()).containsText("Partially loaded");
        assertThat(uploads.first()).containsText("Web page");
        Browser.assertAccessible(page);

        page.navigate(url("/"));
        page.locator("main")
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Records"))
                .click();
        assertThat(page).hasURL(url("/records"));
        assertThat(h1(page)).hasText("Records");

        String spaced = first.substring(0, 3) + " " + first.substring(3, 6) + " " + first.substring(6);
        search(page, spaced);
        Locator rows = page.getByTestId("records").locator("tbody tr");
        assertThat(rows).hasCount(1);
        assertThat(rows).containsText(spaced);
        assertThat(rows).containsText("ASHWORTH, Maisie");
        assertThat(rows).containsText("Child protection plan");
        assertThat(rows).containsText("maisie.worker@birmingham.example");
        assertThat(rows).containsText("Shown");
        Browser.assertAccessible(page);

        search(page, localId);
        assertThat(rows).hasCount(1);
        assertThat(rows).containsText("BELLINGHAM, Theo");
        assertThat(rows).containsText("Looked-after child");

        // Leeds's data manager sees neither Birmingham's upload nor its records.
        Page leeds = signIn("leeds.data.manager");
        Response notFound = leeds.navigate(uploadUrl);
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(h1(leeds)).hasText("Page not found");
        assertThat(leeds.navigate(uploadUrl + "/acknowledgement.json").status()).isEqualTo(404);
        leeds.navigate(url("/uploads"));
        assertThat(leeds.locator("table.nhsuk-table")).hasCount(0);
        leeds.navigate(url("/records"));
        search(leeds, spaced);
        assertThat(leeds.getByTestId("records")).hasCount(0);
        assertThat(leeds.getByTestId("records-count")).containsText("No records match");
        assertThat(leeds.content()).doesNotContain("Ashworth", "ASHWORTH");
    }

    @Test
    void noFileOrATooLargeFileIsShownInAnErrorSummary() throws IOException {
        Page page = signIn("data.manager");
        page.navigate(url("/uploads"));

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Upload file"))
                .click();

        Locator summary = page.locator(".nhsuk-error-summary");
        assertThat(summary).containsText("There is a problem");
        assertThat(summary.getByRole(AriaRole.LINK)).hasText("Select a CSV file");
        assertThat(summary.getByRole(AriaRole.LINK)).hasAttribute("href", "#file");
        assertThat(page).hasTitle(Pattern.compile("^Error: .*"));
        Browser.assertAccessible(page);

        String dob = EnglandDate.today(clock).minusYears(3).toString();
        chooseAndUpload(page, csv("too-many.csv", plans(31, dob)));

        assertThat(page).hasURL(url("/uploads"));
        assertThat(page.locator(".nhsuk-error-summary")).containsText("more than 30 lines");
    }

    @Test
    void anUnscheduledClinicianCannotReachTheLaPages() {
        Page page = signIn("ed.clinician");
        for (String path : new String[] {"/uploads", "/records", "/records?q=1"}) {
            Response refused = page.navigate(url(path));
            assertThat(refused.status()).as(path).isEqualTo(403);
            assertThat(h1(page)).hasText("You do not have access to this page");
        }
    }

    @Test
    void manyRecordsArePagedTwentyFiveAtATime() throws IOException {
        Page page = signIn("data.manager");
        page.navigate(url("/uploads"));
        String dob = EnglandDate.today(clock).minusYears(2).toString();
        chooseAndUpload(page, csv("many.csv", plans(27, dob)));
        assertThat(page.getByTestId("upload-status")).containsText("All loaded");

        page.navigate(url("/records"));
        assertThat(page.getByTestId("records").locator("tbody tr")).hasCount(25);
        Locator pagination = page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Pagination"));
        assertThat(pagination.locator("[aria-current=page]")).hasText("1");
        Browser.assertAccessible(page);

        pagination
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Next"))
                .click();

        assertThat(page).hasURL(url("/records?page=2"));
        assertThat(pagination.locator("[aria-current=page]")).hasText("2");
        assertThat(page.getByTestId("records-count")).containsText("Showing 26 to");
        Browser.assertAccessible(page);
    }
}
