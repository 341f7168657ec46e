package org.cpis.workbench;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.cpis.CpisIntegrationTest;
import org.cpis.HubClient;
import org.cpis.notifications.Notifications;
import org.cpis.shared.EnglandDate;
import org.cpis.shared.NhsNumber;
import org.cpis.shared.OdsCode;
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
 * The LA workbench in a real browser. Records are loaded through the real upload API as Birmingham's case system and
 * looked up through the FHIR API as Northfield ED's system, which creates the notifications; then the social worker's
 * inbox and review, the MASH queue, the duty team's views and bulk close, escalation, who is refused, and that another
 * local authority sees none of it. Every page passes axe.
 */
@CpisIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkbenchBrowserIT {

    private static final String PASSWORD = "demo-password";
    private static final OdsCode BIRMINGHAM = new OdsCode("E08000025");
    private static final OdsCode LEEDS = new OdsCode("E08000035");
    /** The demo social.worker's e-mail, as Birmingham's case system names the allocated worker. */
    private static final String SAM = "sam.patel@birmingham.cpis.example";

    private static final String MASH = "chris.evans@birmingham.cpis.example";

    @AutoClose
    static final Browser browser = new Browser();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @Autowired
    Notifications notifications;

    /** Allocated to the demo social worker; looked up twice, so one notification counting two accesses. */
    Child allocated;

    /** No allocated worker: the MASH queue. */
    Child unallocated;

    /** Allocated to someone else: closed in bulk by the duty team. */
    Child forBulk;

    /** No allocated worker: nobody but the duty team may close it in bulk. */
    Child notForBulk;

    /** Left unreviewed past the escalation time. */
    Child overdue;

    record Child(String nhsNumber, String localId, UUID notification) {

        String spaced() {
            return NhsNumber.of(nhsNumber).formatted();
        }
    }

    @BeforeAll
    void notificationsFromRealUploadsAndLookups() {
        LocalDate today = EnglandDate.today(clock);
        HubClient hub = new HubClient(port);
        String[] nhs = new String[5];
        String[] local = new String[5];
        for (int i = 0; i < nhs.length; i++) {
            nhs[i] = TestNhsNumbers.next();
            local[i] = "WB" + "AUCNO".charAt(i) + nhs[i].substring(4);
        }
        String dob = today.minusYears(7).toString();
        String start = today.minusDays(30).toString();
        UploadFile.Builder file = UploadFile.builder()
                .row(row(nhs[0], local[0], dob, start, SAM))
                .row(row(nhs[1], local[1], dob, start, ""))
                .row(row(nhs[2], local[2], dob, start, "someone.else@birmingham.cpis.example"))
                .row(row(nhs[3], local[3], dob, start, ""))
                .row(row(nhs[4], local[4], dob, start, ""));
        String la = hub.accessToken("birmingham-case-system", "demo-secret");
        HttpResponse<String> uploaded = hub.upload(la, file);
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
        assertThat(HubClient.json(uploaded).get("status").asString())
                .as(uploaded.body())
                .isEqualTo("ALL_LOADED");

        String ed = hub.accessToken("northfield-ed-system", "demo-secret");
        careTeamLookup(hub, ed, nhs[0]);
        careTeamLookup(hub, ed, nhs[0]);
        for (int i = 1; i < nhs.length; i++) {
            careTeamLookup(hub, ed, nhs[i]);
        }
        allocated = child(nhs[0], local[0]);
        unallocated = child(nhs[1], local[1]);
        forBulk = child(nhs[2], local[2]);
        notForBulk = child(nhs[3], local[3]);
        overdue = child(nhs[4], local[4]);
    }

    private static Consumer<TestRecord> row(String nhs, String local, String dob, String start, String worker) {
        return r -> r.nhsNumber(nhs)
                .localId(local)
                .dateOfBirth(dob)
                .startDate(start)
                .allocatedWorker(worker);
    }

    private static void careTeamLookup(HubClient hub, String token, String nhs) {
        HttpResponse<String> response =
                hub.get("/fhir/R4/CareTeam?patient:identifier=https://fhir.nhs.uk/Id/nhs-number%7C" + nhs, token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private Child child(String nhs, String local) {
        UUID id = jdbc.sql("select id from notifications.notification where la_ods = :la and nhs_number = :nhs")
                .param("la", BIRMINGHAM.value())
                .param("nhs", nhs)
                .query(UUID.class)
                .single();
        return new Child(nhs, local, id);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private Page signIn(String username) {
        return browser.signedIn(url(""), username);
    }

    private static Locator heading(Page page) {
        return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1));
    }

    private static Locator rowFor(Page page, Child child) {
        return page.locator("tr[data-notification='" + child.notification() + "']");
    }

    private static Locator button(Page page, String name) {
        return page.getByRole(
                AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private static void search(Page page, String text) {
        page.getByLabel("Search by NHS number or local ID").fill(text);
        button(page, "Search").click();
    }

    /** The CSRF token of the page's own forms (the header's sign-out form has one). */
    private static String csrf(Page page) {
        return page.locator("input[name=_csrf]").first().inputValue();
    }

    private Map<String, Object> stored(Child child) {
        return jdbc.sql("""
                        select status, contacted_setting, outcome_note, reviewed_by, closed_at
                          from notifications.notification where id = :id
                        """).param("id", child.notification()).query().singleRow();
    }

    private int audited(String actor, String action, Child child, String outcome) {
        return jdbc.sql("""
                        select count(*) from audit.event
                         where actor_id = :actor and action = :action and subject_ref = :ref
                           and outcome = :outcome and subject_hash is not null
                        """)
                .param("actor", actor)
                .param("action", action)
                .param("ref", child.notification().toString())
                .param("outcome", outcome)
                .query(Integer.class)
                .single();
    }

    @Test
    void the_social_worker_reviews_and_closes_a_notification_for_their_child_which_stays_searchable() {
        long mine = notifications.counts(BIRMINGHAM, SAM).mine();
        assertThat(mine).isPositive();
        Page page = signIn("social.worker");

        page.navigate(url("/notifications"));

        assertThat(heading(page)).hasText("Your notifications");
        assertThat(page.getByTestId("tab-mine")).hasText("Mine (" + mine + ")");
        assertThat(page.getByTestId("tab-mine")).hasAttribute("aria-current", "page");
        assertThat(page.getByTestId("tab-closed")).hasText("Closed");
        assertThat(page.getByTestId("tab-unreviewed")).hasCount(0);
        assertThat(page.getByTestId("tab-mash")).hasCount(0);
        Locator rows = page.getByTestId("notifications").locator("tbody tr");
        assertThat(rows).hasCount((int) Math.min(mine, WorkbenchListPage.PAGE_SIZE));
        assertThat(rowFor(page, unallocated)).hasCount(0);
        assertThat(rowFor(page, forBulk)).hasCount(0);
        Locator row = rowFor(page, allocated);
        assertThat(row).hasCount(1);
        assertThat(row).containsText(allocated.localId());
        assertThat(row).containsText(allocated.spaced());
        assertThat(row).containsText("Child protection plan");
        assertThat(row).containsText("Northfield General Hospital Emergency Department (X1A01)");
        assertThat(row).containsText("Emergency department");
        assertThat(row.locator("td.nhsuk-table__cell--numeric")).hasText("2");
        assertThat(row).containsText("Unreviewed");
        assertThat(row.getByTestId("escalated")).hasCount(0);
        assertThat(page.locator("input[name=ids]")).hasCount(0);
        assertThat(button(page, "Close selected")).hasCount(0);
        Browser.assertAccessible(page);

        row.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(allocated.localId()))
                .click();

        assertThat(page).hasURL(url("/notifications/" + allocated.notification()));
        assertThat(heading(page)).containsText("Unscheduled care access");
        assertThat(page.getByTestId("nhs-number")).hasText(allocated.spaced());
        assertThat(page.getByTestId("child")).containsText(allocated.localId());
        assertThat(page.getByTestId("child")).containsText("Allocated social worker (" + SAM + ")");
        assertThat(page.getByTestId("access")).containsText(org.cpis.HubClient.END_USER_NAME);
        assertThat(page.getByTestId("access"))
                .containsText("Unscheduled-care clinician") /* the named end user (issue 12) */;
        assertThat(page.getByTestId("access-count")).hasText("2");
        assertThat(page.getByTestId("organisation"))
                .hasText("Northfield General Hospital Emergency Department (X1A01)");
        Locator phone = page.getByTestId("phone").getByRole(AriaRole.LINK);
        assertThat(phone).hasText("020 7946 0600");
        assertThat(phone).hasAttribute("href", "tel:02079460600");
        Locator previous = page.getByTestId("previous-accesses");
        assertThat(previous.locator("tbody tr")).hasCount(2);
        assertThat(previous).containsText("Northfield General Hospital Emergency Department (X1A01)");
        assertThat(previous).containsText("Emergency department");
        assertThat(page.getByText("Record what social care did. Do not record clinical information."))
                .isVisible();
        Browser.assertAccessible(page);
        assertThat(audited("social.worker", "NOTIFICATION_VIEWED", allocated, "FOUND"))
                .isEqualTo(1);

        button(page, "Save and close").click();

        assertThat(page).hasTitle("Error: Notification – CP-IS");
        Locator summary = page.locator(".nhsuk-error-summary");
        assertThat(summary).containsText("There is a problem");
        assertThat(summary.getByRole(
                        AriaRole.LINK,
                        new Locator.GetByRoleOptions().setName("Select yes if you have contacted the health setting")))
                .hasAttribute("href", "#contacted");
        assertThat(page.locator("#contacted-error"))
                .hasText("Error: Select yes if you have contacted the health setting");
        Browser.assertAccessible(page);
        assertThat(stored(allocated)).containsEntry("status", "UNREVIEWED");

        String note = "Rang the ED; the nurse in charge confirmed the child went home with mother.\n"
                + "Home visit booked for tomorrow.";
        page.getByLabel("Yes", new Page.GetByLabelOptions().setExact(true)).check();
        page.getByLabel("Outcome").fill(note);
        button(page, "Save").click();

        assertThat(page).hasURL(url("/notifications/" + allocated.notification()));
        assertThat(page.getByTestId("success")).hasText("Review saved");
        assertThat(page.getByTestId("status")).hasText("In review");
        assertThat(page.getByLabel("Yes", new Page.GetByLabelOptions().setExact(true)))
                .isChecked();
        assertThat(page.getByLabel("Outcome")).hasValue(note);
        assertThat(stored(allocated)).containsEntry("status", "UNREVIEWED").containsEntry("contacted_setting", true);

        button(page, "Save and close").click();

        assertThat(page).hasURL(url("/notifications"));
        assertThat(page.getByTestId("success")).hasText("Notification for " + allocated.localId() + " closed");
        assertThat(rowFor(page, allocated)).hasCount(0);
        assertThat(page.getByTestId("tab-mine")).hasText("Mine (" + (mine - 1) + ")");
        Map<String, Object> closed = stored(allocated);
        assertThat(closed)
                .containsEntry("status", "CLOSED")
                .containsEntry("contacted_setting", true)
                .containsEntry("outcome_note", note)
                .containsEntry("reviewed_by", "social.worker");
        assertThat(closed.get("closed_at")).isNotNull();
        assertThat(audited("social.worker", "NOTIFICATION_REVIEWED", allocated, "SAVED"))
                .isEqualTo(1);
        assertThat(audited("social.worker", "NOTIFICATION_REVIEWED", allocated, "CLOSED"))
                .isEqualTo(1);

        page.getByTestId("tab-closed").click();
        assertThat(heading(page)).hasText("Closed notifications");
        search(page, allocated.localId());

        assertThat(page).hasURL(Pattern.compile(".*view=closed.*q=" + allocated.localId() + ".*"));
        assertThat(page.getByTestId("notifications-count")).hasText("Showing 1 to 1 of 1 notification.");
        Locator found = rowFor(page, allocated);
        assertThat(found).containsText("Closed");
        Browser.assertAccessible(page);

        found.getByRole(AriaRole.LINK).click();
        Locator review = page.getByTestId("review");
        assertThat(review).containsText("Health setting contacted");
        assertThat(review).containsText("Yes");
        assertThat(review).containsText("Home visit booked for tomorrow.");
        assertThat(review).containsText("social.worker");
        assertThat(button(page, "Save")).hasCount(0);
        Browser.assertAccessible(page);
    }

    @Test
    void the_mash_officer_sees_children_with_no_allocated_worker() {
        long mash = notifications.counts(BIRMINGHAM, MASH).mash();
        Page page = signIn("mash.officer");

        page.navigate(url("/notifications"));

        assertThat(heading(page)).hasText("MASH queue");
        assertThat(page.getByTestId("tab-mash")).hasText("MASH queue (" + mash + ")");
        assertThat(page.getByTestId("tab-mash")).hasAttribute("aria-current", "page");
        assertThat(page.getByTestId("tab-closed")).isVisible();
        assertThat(page.getByTestId("tab-unreviewed")).hasCount(0);
        assertThat(page.locator("input[name=ids]")).hasCount(0);
        Browser.assertAccessible(page);

        search(page, unallocated.spaced());
        assertThat(rowFor(page, unallocated)).containsText(unallocated.localId());
        assertThat(rowFor(page, unallocated)).containsText("Unreviewed");

        search(page, allocated.localId());
        assertThat(page.getByTestId("notifications-count")).containsText("No notifications match");
        search(page, forBulk.localId());
        assertThat(page.getByTestId("notifications-count")).containsText("No notifications match");

        Response unknown = page.navigate(url("/notifications?view=unreviewed"));
        assertThat(unknown.status()).as("a view the role does not have").isEqualTo(404);
    }

    @Test
    void the_duty_team_sees_everything_unreviewed_and_closes_in_bulk() {
        Notifications.Counts counts = notifications.counts(BIRMINGHAM, "duty@birmingham.cpis.example");
        Page page = signIn("duty.team");

        page.navigate(url("/notifications"));

        assertThat(heading(page)).hasText("Unreviewed notifications");
        assertThat(page.getByTestId("tab-unreviewed")).hasText("Unreviewed (" + counts.unreviewed() + ")");
        assertThat(page.getByTestId("tab-escalated")).hasText("Escalated (" + counts.escalated() + ")");
        assertThat(page.getByTestId("tab-mash")).hasText("MASH queue (" + counts.mash() + ")");
        assertThat(page.getByTestId("tab-closed")).hasText("Closed");
        assertThat(page.getByTestId("tab-all")).hasText("All");
        assertThat(page.getByTestId("tab-mine")).hasCount(0);

        search(page, forBulk.localId());
        Locator row = rowFor(page, forBulk);
        assertThat(row).containsText("Unreviewed");
        Browser.assertAccessible(page);

        button(page, "Close selected").click();

        assertThat(page).hasTitle("Error: Unreviewed notifications – CP-IS");
        assertThat(page.locator(".nhsuk-error-summary")
                        .getByRole(
                                AriaRole.LINK,
                                new Locator.GetByRoleOptions().setName("Select the notifications to close")))
                .hasAttribute("href", "#select-" + forBulk.notification());
        Browser.assertAccessible(page);
        assertThat(stored(forBulk)).containsEntry("status", "UNREVIEWED");

        page.getByLabel("Select " + forBulk.localId()).check();
        page.getByLabel("Outcome").fill("Known to the team; no further action.");
        button(page, "Close selected").click();

        assertThat(page.getByTestId("success")).hasText("1 notification closed");
        assertThat(page).hasURL(Pattern.compile(".*view=unreviewed.*q=" + forBulk.localId() + ".*"));
        assertThat(page.getByTestId("notifications-count")).containsText("No notifications match");
        assertThat(stored(forBulk))
                .containsEntry("status", "CLOSED")
                .containsEntry("reviewed_by", "duty.team")
                .containsEntry("outcome_note", "Known to the team; no further action.");
        assertThat(audited("duty.team", "NOTIFICATION_REVIEWED", forBulk, "CLOSED"))
                .isEqualTo(1);

        page.getByTestId("tab-all").click();
        search(page, forBulk.spaced());
        assertThat(rowFor(page, forBulk)).containsText("Closed");
        assertThat(page.locator("input[name=ids]")).hasCount(0);
    }

    @Test
    void only_the_duty_team_may_close_in_bulk() {
        for (String username : new String[] {"social.worker", "mash.officer"}) {
            Page page = signIn(username);
            page.navigate(url("/notifications"));

            APIResponse refused = page.request()
                    .post(
                            url("/notifications/close"),
                            RequestOptions.create()
                                    .setForm(FormData.create()
                                            .set("_csrf", csrf(page))
                                            .set(
                                                    "ids",
                                                    notForBulk.notification().toString())));

            assertThat(refused.status()).as(username).isEqualTo(403);
        }
        assertThat(stored(notForBulk)).containsEntry("status", "UNREVIEWED");
    }

    @Test
    void health_staff_and_la_data_managers_have_no_workbench() {
        Page clinician = signIn("ed.clinician");
        Response refused = clinician.navigate(url("/notifications"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(heading(clinician)).hasText("You do not have access to this page");
        assertThat(clinician
                        .navigate(url("/notifications/" + unallocated.notification()))
                        .status())
                .isEqualTo(403);

        Page dataManager = signIn("leeds.data.manager");
        assertThat(dataManager.navigate(url("/notifications")).status()).isEqualTo(403);
    }

    @Test
    void another_local_authority_can_neither_see_nor_open_nor_close_a_birmingham_notification() {
        // There is no Leeds duty-team demo person: one is added with the demo password, as an LA would register one.
        jdbc.sql("""
                insert into identity.person (id, username, display_name, email, password_hash, role, organisation_ods,
                                             created_at, updated_at)
                select :id, 'leeds.duty', 'Leeds Duty', 'duty@leeds.cpis.example', password_hash, 'DUTY_TEAM',
                       :leeds, now(), now()
                  from identity.person where username = 'duty.team'
                on conflict (username) do nothing
                """)
                .param("id", UUID.randomUUID())
                .param("leeds", LEEDS.value())
                .update();
        Page page = signIn("leeds.duty");

        Response notFound = page.navigate(url("/notifications/" + unallocated.notification()));
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(heading(page)).hasText("Page not found");
        assertThat(page.locator("main")).not().containsText(unallocated.spaced());

        page.navigate(url("/notifications?view=all"));
        search(page, unallocated.spaced());
        assertThat(page.getByTestId("notifications-count")).containsText("No notifications match");
        APIResponse closed = page.request()
                .post(
                        url("/notifications/close"),
                        RequestOptions.create()
                                .setForm(FormData.create()
                                        .set("_csrf", csrf(page))
                                        .set("view", "unreviewed")
                                        .set("note", "No further action.")
                                        .set("ids", unallocated.notification().toString())));
        assertThat(closed.status()).isEqualTo(200);
        assertThat(closed.text()).contains("0 notifications closed");
        assertThat(stored(unallocated)).containsEntry("status", "UNREVIEWED");

        assertThat(notifications.find(LEEDS, unallocated.notification())).isEmpty();
        assertThat(notifications.find(BIRMINGHAM, unallocated.notification())).isPresent();
        assertThat(notifications
                        .workbench(LEEDS, Notifications.View.ALL, null, unallocated.nhsNumber(), 0, 25)
                        .total())
                .isZero();
        assertThat(notifications.review(LEEDS, unallocated.notification(), "leeds.duty", true, "x", true))
                .isFalse();
        assertThat(notifications.closeAll(LEEDS, java.util.List.of(unallocated.notification()), "leeds.duty", null))
                .isZero();
    }

    @Test
    void a_notification_left_unreviewed_too_long_is_escalated_and_flagged_in_the_duty_view() {
        jdbc.sql("update notifications.notification set created_at = created_at - interval '3 days' where id = :id")
                .param("id", overdue.notification())
                .update();

        assertThat(notifications.escalate()).isPositive();

        long escalated = notifications.counts(BIRMINGHAM, null).escalated();
        Page page = signIn("duty.team");
        page.navigate(url("/notifications"));
        assertThat(page.getByTestId("tab-escalated")).hasText("Escalated (" + escalated + ")");
        assertThat(rowFor(page, overdue).getByTestId("escalated")).hasText("Escalated");
        // Escalated notifications come first.
        assertThat(page.getByTestId("notifications").locator("tbody tr").first().getByTestId("escalated"))
                .hasCount(1);

        page.getByTestId("tab-escalated").click();
        assertThat(heading(page)).hasText("Escalated notifications");
        Locator tag = rowFor(page, overdue).getByTestId("escalated");
        assertThat(tag).hasText("Escalated");
        assertThat(tag).hasClass(Pattern.compile(".*nhsuk-tag--red.*"));
        assertThat(rowFor(page, notForBulk)).hasCount(0);
        Browser.assertAccessible(page);

        rowFor(page, overdue).getByRole(AriaRole.LINK).click();
        assertThat(page.getByTestId("escalated")).hasText("Escalated");
        assertThat(page.locator("main")).containsText("Escalated to the duty team on");
        Browser.assertAccessible(page);
    }
}
