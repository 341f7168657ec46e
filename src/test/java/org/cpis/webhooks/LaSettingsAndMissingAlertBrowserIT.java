package org.cpis.webhooks;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import com.microsoft.playwright.options.SelectOption;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;
import org.cpis.CpisIntegrationTest;
import org.cpis.shared.NhsNumber;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import testsupport.Browser;
import testsupport.TestNhsNumbers;

/**
 * The LA data manager's webhook settings and "Report a missing alert" in a real browser: setting the URL, rotating and
 * retiring the secret, a clinician's report landing in the right LA's queue and only there, role checks, and axe on
 * every page.
 */
@CpisIntegrationTest
class LaSettingsAndMissingAlertBrowserIT {

    private static final String PASSWORD = "demo-password";
    private static final String BIRMINGHAM = "E08000025";
    private static final Pattern SECRET = Pattern.compile("whsec_[A-Za-z0-9+/]{32}");

    @AutoClose
    static final Browser browser = new Browser();

    @LocalServerPort
    int port;

    @Autowired
    WebhookSecrets secrets;

    @Autowired
    JdbcClient jdbc;

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private Page signIn(String username) {
        return browser.signedIn(url(""), username);
    }

    private static Locator heading(Page page) {
        return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1));
    }

    private static void click(Page page, String button) {
        page.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName(button).setExact(true))
                .click();
    }

    /** The secret as stored (encrypted), opened; "" for none. */
    private String storedSecret(String column) {
        String stored = jdbc.sql("select coalesce(" + column + ", '') from notifications.webhook where la_ods = :la")
                .param("la", BIRMINGHAM)
                .query(String.class)
                .single();
        return stored.isEmpty() ? "" : secrets.open(BIRMINGHAM, stored);
    }

    private int audited(String action, String actor) {
        return jdbc.sql("select count(*) from audit.event where action = :action and actor_id = :actor")
                .param("action", action)
                .param("actor", actor)
                .query(Integer.class)
                .single();
    }

    /** A notification whose webhook delivery CP-IS gave up on, as the delivery worker leaves it. */
    private UUID failedWebhookDelivery() {
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("""
                insert into notifications.notification
                    (id, la_ods, nhs_number, plan_types, first_access_id, first_accessed_at, last_accessed_at,
                     actor_name, actor_role, org_ods, org_name, queue, created_at, updated_at)
                values (:id, :la, :nhs, 'CPP', 1, :now, :now, 'Dr Test', 'UNSCHEDULED_CLINICIAN', 'X1A01',
                        'Northfield General Hospital Emergency Department', 'MASH', :now, :now)
                """)
                .param("id", id)
                .param("la", BIRMINGHAM)
                .param("nhs", TestNhsNumbers.next())
                .param("now", now)
                .update();
        jdbc.sql("""
                insert into notifications.delivery
                    (notification_id, la_ods, channel, status, attempts, next_attempt_at, give_up_at, last_error,
                     created_at)
                values (:id, :la, 'WEBHOOK', 'FAILED', 17, :now, :now, 'HTTP 503', :now)
                """).param("id", id).param("la", BIRMINGHAM).param("now", now).update();
        return id;
    }

    @Test
    void a_data_manager_sets_the_webhook_rotates_and_retires_the_secret_and_turns_it_off() {
        UUID failed = failedWebhookDelivery();
        Page page = signIn("data.manager");
        page.navigate(url("/settings/webhook"));

        assertThat(heading(page)).hasText("Webhook settings");
        assertThat(page.getByTestId("webhook-status")).hasText("Not set up");
        assertThat(page.getByTestId("secret")).hasCount(0);
        assertThat(page.locator("main")).containsText("webhook-signature");
        assertThat(page.locator("main")).containsText("HMAC-SHA256");
        Locator failures = page.getByTestId("failures");
        assertThat(failures.locator("tbody tr")).hasCount(1);
        assertThat(failures).containsText(failed.toString());
        assertThat(failures).containsText("Webhook");
        assertThat(failures).containsText("17");
        assertThat(failures).containsText("HTTP 503");
        assertThat(page.locator("main")).containsText("e-mailed to your duty and advice team");
        Browser.assertAccessible(page);

        // Only https, or http to this machine.
        page.getByLabel("Webhook URL").fill("http://example.com/hook");
        click(page, "Save and turn on webhook");
        assertThat(page).hasTitle("Error: Webhook settings – CP-IS");
        Locator summary = page.locator(".nhsuk-error-summary");
        assertThat(summary).containsText("There is a problem");
        assertThat(summary.getByRole(AriaRole.LINK))
                .hasText("Webhook URL must start with https:// (http:// is only for localhost)");
        assertThat(summary.getByRole(AriaRole.LINK)).hasAttribute("href", "#webhook-url");
        assertThat(page.getByLabel("Webhook URL")).hasValue("http://example.com/hook");
        assertThat(page.getByLabel("Webhook URL"))
                .hasAttribute("aria-describedby", "webhook-url-hint webhook-url-error");
        Browser.assertAccessible(page);
        page.getByLabel("Webhook URL").fill("not a web address");
        click(page, "Save and turn on webhook");
        assertThat(page.locator(".nhsuk-error-summary"))
                .containsText("Enter a full web address starting with https://");
        assertThat(audited("WEBHOOK_CHANGED", "data.manager")).isZero();

        page.getByLabel("Webhook URL").fill("https://example.invalid/hook");
        click(page, "Save and turn on webhook");

        assertThat(page).hasURL(url("/settings/webhook"));
        assertThat(page.getByTestId("done")).containsText("Webhook turned on");
        assertThat(page.getByTestId("webhook-status")).hasText("On");
        assertThat(page.getByTestId("webhook-url")).hasText("https://example.invalid/hook");
        String first = storedSecret("secret");
        assertThat(first).matches(SECRET);
        Locator secret = page.getByTestId("secret");
        assertThat(secret).containsText("whsec_••••••••" + first.substring(first.length() - 4));
        assertThat(page.getByTestId("secret-value")).not().isVisible();
        secret.getByText("Show secret").click();
        assertThat(page.getByTestId("secret-value")).isVisible();
        assertThat(page.getByTestId("secret-value")).hasText(first);
        assertThat(page.getByTestId("previous-secret")).hasCount(0);
        Browser.assertAccessible(page);

        click(page, "Rotate secret");

        assertThat(page.getByTestId("done")).containsText("signs with both secrets");
        String second = storedSecret("secret");
        assertThat(second).matches(SECRET).isNotEqualTo(first);
        assertThat(storedSecret("previous_secret")).isEqualTo(first);
        page.getByTestId("secret").getByText("Show secret").click();
        assertThat(page.getByTestId("secret-value")).hasText(second);
        page.getByTestId("previous-secret").getByText("Show previous secret").click();
        assertThat(page.getByTestId("previous-secret-value")).hasText(first);
        Browser.assertAccessible(page);

        click(page, "Retire previous secret");

        assertThat(page.getByTestId("done")).containsText("Previous secret retired");
        assertThat(page.getByTestId("previous-secret")).hasCount(0);
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Retire previous secret")))
                .hasCount(0);
        assertThat(storedSecret("secret")).isEqualTo(second);
        assertThat(storedSecret("previous_secret")).isEmpty();
        Browser.assertAccessible(page);

        click(page, "Turn off webhook");

        assertThat(page.getByTestId("done")).containsText("Webhook turned off");
        assertThat(page.getByTestId("webhook-status")).hasText("Off");
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Turn off webhook")))
                .hasCount(0);
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save and turn on webhook")))
                .isVisible();
        Browser.assertAccessible(page);

        assertThat(audited("WEBHOOK_CHANGED", "data.manager")).isEqualTo(4);
        assertThat(jdbc.sql("select string_agg(coalesce(detail, '') || outcome, ',') from audit.event"
                                + " where action = 'WEBHOOK_CHANGED'")
                        .query(String.class)
                        .single())
                .as("secrets never reach the audit trail")
                .doesNotContain(first)
                .doesNotContain(second);
    }

    @Test
    void a_clinicians_missing_alert_report_reaches_only_that_las_data_managers() {
        String nhs = TestNhsNumbers.next();
        String spaced = NhsNumber.of(nhs).formatted();
        Page clinician = signIn("ed.clinician");
        clinician.navigate(url("/missing-alerts/new"));
        assertThat(heading(clinician)).hasText("Report a missing alert");
        Browser.assertAccessible(clinician);

        clinician.getByLabel("Local authority").selectOption(new SelectOption().setLabel("Birmingham City Council"));
        clinician.getByLabel("NHS number").fill(spaced);
        clinician.getByLabel("Phone number").fill("0121 496 0999");
        clinician.getByLabel("Email address").fill("amira.khan@northfield.nhs.example");
        clinician.getByLabel("Note (optional)").fill("Spoke to the duty team on Monday.");
        click(clinician, "Send report");

        assertThat(clinician).hasURL(url("/missing-alerts/new?sent"));
        assertThat(clinician.url()).doesNotContain(nhs);
        Locator panel = clinician.getByTestId("sent-panel");
        assertThat(panel.getByRole(AriaRole.HEADING, new Locator.GetByRoleOptions().setLevel(1)))
                .hasText("Report sent");
        assertThat(panel).containsText(spaced);
        assertThat(panel).containsText("Birmingham City Council");
        assertThat(clinician.locator("main")).containsText("will check their records and contact you");
        assertThat(clinician.getByTestId("safeguarding")).containsText("Follow your usual safeguarding processes");
        assertThat(clinician
                        .getByTestId("safeguarding")
                        .getByRole(AriaRole.LINK)
                        .first())
                .hasAttribute("href", Pattern.compile("tel:[0-9+]+"));
        Browser.assertAccessible(clinician);
        // The confirmation is shown once; reloading it does not send the report again.
        clinician.reload();
        assertThat(heading(clinician)).hasText("Report a missing alert");

        UUID id = jdbc.sql("select id from notifications.missing_alert where nhs_number = :n")
                .param("n", nhs)
                .query(UUID.class)
                .single();
        assertThat(jdbc.sql("""
                        select la_ods || '|' || reporter_name || '|' || reporter_role || '|' || reporter_org_ods
                               || '|' || status from notifications.missing_alert where id = :id
                        """).param("id", id).query(String.class).single())
                .isEqualTo(BIRMINGHAM + "|Dr Amira Khan|UNSCHEDULED_CLINICIAN|X1A01|OPEN");
        assertThat(audited("MISSING_ALERT_REPORTED", "ed.clinician")).isGreaterThanOrEqualTo(1);

        // Leeds does not see Birmingham's report and cannot resolve it.
        Page leeds = signIn("leeds.data.manager");
        leeds.navigate(url("/missing-alerts"));
        assertThat(heading(leeds)).hasText("Missing alert reports");
        assertThat(leeds.locator("main")).not().containsText(spaced);
        Browser.assertAccessible(leeds);
        String csrf = leeds.locator("input[name=_csrf]").first().inputValue();
        APIResponse refused = leeds.request()
                .post(
                        url("/missing-alerts/" + id + "/resolve"),
                        RequestOptions.create()
                                .setForm(FormData.create().set("_csrf", csrf))
                                .setMaxRedirects(0));
        assertThat(refused.status()).isEqualTo(404);
        APIResponse notAnId = leeds.request()
                .post(
                        url("/missing-alerts/not-an-id/resolve"),
                        RequestOptions.create()
                                .setForm(FormData.create().set("_csrf", csrf))
                                .setMaxRedirects(0));
        assertThat(notAnId.status()).isEqualTo(404);

        Page manager = signIn("data.manager");
        manager.navigate(url("/missing-alerts"));
        Locator report = manager.getByTestId("open-report").filter(new Locator.FilterOptions().setHasText(spaced));
        assertThat(report).hasCount(1);
        assertThat(report).containsText("Dr Amira Khan");
        assertThat(report).containsText("Unscheduled-care clinician");
        assertThat(report).containsText("X1A01");
        assertThat(report).containsText("Spoke to the duty team on Monday.");
        assertThat(report.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("0121 496 0999")))
                .hasAttribute("href", "tel:01214960999");
        assertThat(report.getByRole(
                        AriaRole.LINK, new Locator.GetByRoleOptions().setName("amira.khan@northfield.nhs.example")))
                .hasAttribute("href", "mailto:amira.khan@northfield.nhs.example");
        Browser.assertAccessible(manager);

        report.getByRole(AriaRole.BUTTON).click();

        assertThat(manager).hasURL(url("/missing-alerts"));
        assertThat(manager.getByTestId("done")).containsText("Report marked as resolved");
        assertThat(manager.getByTestId("open-report").filter(new Locator.FilterOptions().setHasText(spaced)))
                .hasCount(0);
        Locator resolved = manager.getByTestId("resolved-reports");
        assertThat(resolved).containsText(spaced);
        assertThat(resolved).containsText("data.manager");
        Browser.assertAccessible(manager);
        assertThat(jdbc.sql("select status || '|' || resolved_by from notifications.missing_alert where id = :id")
                        .param("id", id)
                        .query(String.class)
                        .single())
                .isEqualTo("RESOLVED|data.manager");
        assertThat(audited("MISSING_ALERT_RESOLVED", "data.manager")).isGreaterThanOrEqualTo(1);

        leeds.navigate(url("/missing-alerts"));
        assertThat(leeds.locator("main")).not().containsText(spaced);
    }

    @Test
    void the_report_form_explains_what_is_wrong() {
        Page page = signIn("gp.clinician");
        page.navigate(url("/missing-alerts/new"));

        click(page, "Send report");

        assertThat(page).hasTitle("Error: Report a missing alert – CP-IS");
        Locator summary = page.locator(".nhsuk-error-summary");
        assertThat(summary.getByRole(AriaRole.LINK)).hasText(new String[] {
            "Select the local authority", "Enter a 10-digit NHS number", "Enter a phone number or an email address"
        });
        assertThat(summary.getByRole(AriaRole.LINK).nth(2)).hasAttribute("href", "#contact-phone");
        Browser.assertAccessible(page);

        page.getByLabel("Local authority").selectOption(new SelectOption().setLabel("Leeds City Council"));
        page.getByLabel("NHS number").fill("943 476 5918");
        page.getByLabel("Email address").fill("not-an-address");
        page.getByLabel("Note (optional)").fill("x".repeat(1001));
        click(page, "Send report");

        assertThat(summary.getByRole(AriaRole.LINK)).hasText(new String[] {
            "Enter a valid NHS number",
            "Enter an email address in the correct format, like name@example.nhs.uk",
            "Note must be 1,000 characters or fewer"
        });
        assertThat(page.getByLabel("Local authority")).hasValue("E08000035");
        assertThat(page.getByLabel("NHS number")).hasValue("943 476 5918");
        Browser.assertAccessible(page);
        assertThat(jdbc.sql("select count(*) from notifications.missing_alert where reporter_org_ods = 'X2B01'")
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void other_roles_are_refused() {
        Page social = signIn("social.worker");
        for (String path : new String[] {"/settings/webhook", "/missing-alerts/new", "/missing-alerts"}) {
            Response refused = social.navigate(url(path));
            assertThat(refused.status()).as(path).isEqualTo(403);
            assertThat(heading(social)).hasText("You do not have access to this page");
        }
        Browser.assertAccessible(social);

        Page clinician = signIn("ed.clinician");
        assertThat(clinician.navigate(url("/missing-alerts")).status()).isEqualTo(403);
        assertThat(clinician.navigate(url("/settings/webhook")).status()).isEqualTo(403);

        Page manager = signIn("data.manager");
        assertThat(manager.navigate(url("/missing-alerts/new")).status()).isEqualTo(403);
    }
}
