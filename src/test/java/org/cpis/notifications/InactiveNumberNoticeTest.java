package org.cpis.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.cpis.notifications.NotificationPullApiTest.careTeam;
import static org.cpis.notifications.NotificationPullApiTest.found;
import static org.cpis.notifications.NotificationPullApiTest.upload;
import static org.cpis.notifications.NotificationPullApiTest.wholeFeed;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cpis.CpisIntegrationTest;
import org.cpis.HubClient;
import org.cpis.shared.OdsCode;
import org.cpis.webhooks.WebhookSettings;
import org.cpis.webhooks.Webhooks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import testsupport.TestNhsNumbers;
import testsupport.UploadFile;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 18 item 4 beyond MESH: an administrator marks an NHS number superseded or inactive on the admin page, and each
 * LA holding it is told through its own channels — its pull API, its webhook (a real HTTP receiver, signed), its duty
 * mailbox (GreenMail) — once, in the marking's transaction. The MESH side is in {@code mesh.MeshNotificationTest}.
 */
@CpisIntegrationTest(
        properties = {
            "cpis.notifications.poll-interval=200",
            "cpis.notifications.webhook-first-retry=200ms",
            "cpis.notifications.webhook-max-retry-interval=1s",
            "cpis.notifications.public-url=https://cpis.test.example",
            "cpis.notifications.mail-from=cpis-notifications@cpis.test.example"
        })
class InactiveNumberNoticeTest {

    static final OdsCode BIRMINGHAM = new OdsCode("E08000025");
    static final OdsCode LEEDS = new OdsCode("E08000035");
    static final Duration PATIENCE = Duration.ofSeconds(20);
    static final String TYPE = "cpis.inactive-nhs-number";

    static final GreenMail MAIL = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    static final NotificationDeliveryTest.Receiver RECEIVER = new NotificationDeliveryTest.Receiver();

    static {
        MAIL.start();
    }

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "localhost");
        registry.add("spring.mail.port", () -> MAIL.getSmtp().getPort());
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Webhooks webhooks;

    @Autowired
    @Qualifier("ownerDataSource")
    javax.sql.DataSource ownerDataSource;

    HubClient hub;
    String ed;
    String birmingham;
    String leeds;

    @BeforeEach
    void connect() {
        hub = new HubClient(port);
        ed = hub.accessToken("northfield-ed-system", "demo-secret");
        birmingham = hub.accessToken("birmingham-case-system", "demo-secret");
        leeds = hub.accessToken("leeds-case-system", "demo-secret");
        webhooks.configure(BIRMINGHAM, RECEIVER.url()); // Birmingham: pull, webhook, e-mail
        webhooks.disable(LEEDS); // Leeds: pull and e-mail only
    }

    @AfterEach
    void noWebhook() {
        webhooks.disable(BIRMINGHAM);
    }

    /** A child with a CPP from Birmingham and from Leeds, under these local ids. */
    private String heldByBoth(String birminghamId, String leedsId) {
        String child = TestNhsNumbers.next();
        upload(
                hub,
                "birmingham-case-system",
                UploadFile.builder()
                        .row(r -> r.nhsNumber(child)
                                .localId(birminghamId)
                                .familyName("Quartermaine")
                                .givenNames("Ottoline")));
        upload(
                hub,
                "leeds-case-system",
                UploadFile.builder()
                        .row(r -> r.nhsNumber(child)
                                .localId(leedsId)
                                .familyName("Quartermaine")
                                .givenNames("Ottoline")));
        return child;
    }

    private List<JsonNode> noticesAbout(String token, String nhs) {
        return wholeFeed(hub, token).stream()
                .filter(n -> TYPE.equals(n.get("type").asString()))
                .filter(n -> n.get("child").get("nhsNumber").asString().equals(nhs))
                .toList();
    }

    @Test
    void a_superseded_number_reaches_each_holding_la_once_through_its_own_channels() throws Exception {
        String child = heldByBoth("B-IN1", "L-IN1");
        String replacement = TestNhsNumbers.next();
        PageSession admin = PageSession.signIn(port, "admin");

        String page = admin.mark(child, "SUPERSEDED", replacement);
        assertThat(page).contains("Local authorities told now: 2 (of them also through MESH: 0).");

        // The pull API: one notice each, with each LA's own local id, and not the other's.
        List<JsonNode> toLeeds = noticesAbout(leeds, child);
        List<JsonNode> toBirmingham = noticesAbout(birmingham, child);
        assertThat(toLeeds).hasSize(1);
        assertThat(toBirmingham).hasSize(1);
        JsonNode notice = toLeeds.get(0);
        assertThat(notice.get("localAuthority").asString()).isEqualTo(LEEDS.value());
        assertThat(notice.get("nhsNumberStatus").asString()).isEqualTo("SUPERSEDED");
        assertThat(notice.get("newNhsNumber").asString()).isEqualTo(replacement);
        assertThat(notice.get("child").get("localIds").values())
                .extracting(JsonNode::asString)
                .containsExactly("L-IN1");
        assertThat(notice.get("child").get("planTypes").values())
                .extracting(JsonNode::asString)
                .containsExactly("CPP");
        assertThat(notice.get("acknowledged").asBoolean()).isFalse();
        assertThat(notice.toString()).doesNotContain("Quartermaine", "Ottoline", "B-IN1");
        String leedsId = notice.get("id").asString();
        String birminghamId = toBirmingham.get(0).get("id").asString();
        assertThat(birminghamId).isNotEqualTo(leedsId);

        // Acknowledged by its own LA only.
        assertThat(acknowledge(birmingham, leedsId)).isEqualTo(404);
        assertThat(acknowledge(leeds, leedsId)).isEqualTo(204);
        assertThat(acknowledge(leeds, leedsId)).isEqualTo(204);
        assertThat(noticesAbout(leeds, child).get(0).get("acknowledged").asBoolean())
                .isTrue();

        // The webhook: Birmingham's only, signed, with the notice's id to de-duplicate by.
        await().atMost(PATIENCE).until(() -> delivered(birminghamId, "WEBHOOK"));
        List<NotificationDeliveryTest.Receiver.Request> posted = RECEIVER.requestsFor(child);
        assertThat(posted).hasSize(1);
        NotificationDeliveryTest.Receiver.Request request = posted.get(0);
        WebhookSettings settings = webhooks.settings(BIRMINGHAM);
        assertThat(request.id()).isEqualTo(birminghamId);
        assertThat(request.signature())
                .isEqualTo(NotificationDeliveryTest.sign(
                        settings.secret(), request.id(), request.timestamp(), request.body()));
        JsonNode body = JsonMapper.builder().build().readTree(request.body());
        assertThat(body.get("type").asString()).isEqualTo(TYPE);
        assertThat(body.get("newNhsNumber").asString()).isEqualTo(replacement);
        assertThat(body.get("child").get("localIds").values())
                .extracting(JsonNode::asString)
                .containsExactly("B-IN1");
        assertThat(body.has("acknowledged")).isFalse();
        assertThat(deliveries(leedsId, "WEBHOOK")).isZero();

        // The e-mail backup: both duty mailboxes, no name, no full NHS number, a link to the hub.
        await().atMost(PATIENCE)
                .until(() ->
                        mailsAbout("B-IN1").size() == 1 && mailsAbout("L-IN1").size() == 1);
        MimeMessage mail = mailsAbout("B-IN1").get(0);
        assertThat(mail.getRecipients(Message.RecipientType.TO))
                .extracting(Object::toString)
                .containsExactly("duty@birmingham.cpis.example");
        String text = mail.getContent().toString();
        assertThat(mail.getSubject()).contains("superseded");
        assertThat(text)
                .contains("NHS number: *******" + child.substring(7))
                .contains("New NHS number: *******" + replacement.substring(7))
                .contains("https://cpis.test.example/inactive-nhs-numbers");
        String spaced = child.substring(0, 3) + " " + child.substring(3, 6) + " " + child.substring(6);
        for (String secret : List.of(child, spaced, replacement, "Quartermaine", "Ottoline")) {
            assertThat(raw(mail)).doesNotContain(secret);
        }
        await().atMost(PATIENCE).until(() -> delivered(leedsId, "EMAIL") && delivered(birminghamId, "EMAIL"));

        assertThat(jdbc.sql("select count(*) from audit.event where action = 'MARK_NHS_NUMBER_SUPERSEDED'"
                                + " and detail = 'holders=2 told=2 told_by_mesh=0' and actor_role = 'ADMINISTRATOR'")
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);

        // The LAs' own page: each sees its own notice.
        assertThat(PageSession.signIn(port, "leeds.data.manager").get("/inactive-nhs-numbers"))
                .contains(spaced)
                .contains("L-IN1")
                .doesNotContain("B-IN1");
        assertThat(PageSession.signIn(port, "duty.team").get("/inactive-nhs-numbers"))
                .contains("B-IN1")
                .doesNotContain("L-IN1");

        // Marked the same again: nobody is told twice. Marked differently: that is news, told once more.
        assertThat(admin.mark(child, "SUPERSEDED", replacement))
                .contains("Local authorities told now: 0")
                .contains("Already told the same before, not told again: E08000025, E08000035");
        assertThat(noticesAbout(leeds, child)).hasSize(1);
        admin.mark(child, "INACTIVE", "");
        assertThat(noticesAbout(leeds, child))
                .extracting(n -> n.get("nhsNumberStatus").asString())
                .containsExactly("SUPERSEDED", "INACTIVE");
        assertThat(noticesAbout(birmingham, child)).hasSize(2);
    }

    @Test
    void the_feed_holds_both_kinds_in_cursor_order_and_pages_through_them() throws Exception {
        String first = TestNhsNumbers.next();
        String marked = TestNhsNumbers.next();
        String last = TestNhsNumbers.next();
        upload(
                hub,
                "leeds-case-system",
                UploadFile.builder()
                        .row(r -> r.nhsNumber(first).localId("L-ORD1"))
                        .row(r -> r.nhsNumber(marked).localId("L-ORD2"))
                        .row(r -> r.nhsNumber(last).localId("L-ORD3")));
        List<JsonNode> before = wholeFeed(hub, leeds);
        long cursor = before.isEmpty()
                ? 0
                : before.get(before.size() - 1).get("cursor").asLong();

        found(careTeam(hub, ed, first));
        PageSession.signIn(port, "admin").mark(marked, "INACTIVE", "");
        found(careTeam(hub, ed, last));

        List<String> paged = new ArrayList<>();
        long after = cursor;
        while (true) {
            JsonNode page = HubClient.json(hub.get("/api/v1/notifications?after=" + after + "&limit=1", leeds));
            List<JsonNode> items = new ArrayList<>(page.get("notifications").values());
            if (items.isEmpty()) {
                break;
            }
            assertThat(items).hasSize(1);
            JsonNode item = items.get(0);
            assertThat(item.get("cursor").asLong()).isGreaterThan(after);
            paged.add(item.get("type").asString() + ":"
                    + item.get("child").get("localIds").get(0).asString());
            after = page.get("nextCursor").asLong();
        }
        assertThat(paged)
                .containsExactly("cpis.unscheduled-access:L-ORD1", TYPE + ":L-ORD2", "cpis.unscheduled-access:L-ORD3");
        // An access notification keeps its shape.
        JsonNode access = wholeFeed(hub, leeds).stream()
                .filter(n -> n.get("child").get("nhsNumber").asString().equals(first))
                .findFirst()
                .orElseThrow();
        assertThat(access.get("accessCount").asInt()).isEqualTo(1);
        assertThat(access.has("nhsNumberStatus")).isFalse();
    }

    /** A failure after one LA's notice was written: the mark, every notice, delivery and audit entry roll back. */
    @Test
    void a_failure_part_way_leaves_nothing_half_applied() throws Exception {
        String child = heldByBoth("B-HALF", "L-HALF");
        String function = "fail_notice_" + child;
        owner("create function notifications." + function + "() returns trigger language plpgsql as $$ begin"
                + " if new.nhs_number = '" + child + "' and new.la_ods = '" + LEEDS.value() + "' then"
                + " raise exception 'test failure'; end if; return new; end $$");
        owner("create trigger " + function + " before insert on notifications.inactive_number_notice"
                + " for each row execute function notifications." + function + "()");
        PageSession admin = PageSession.signIn(port, "admin");
        String audited = "select count(*) from audit.event where action = 'MARK_NHS_NUMBER_INACTIVE'";
        int auditedBefore = jdbc.sql(audited).query(Integer.class).single();
        try {
            // Birmingham (E08000025) is told first, in ODS order; Leeds' notice then fails.
            assertThat(admin.markStatus(child, "INACTIVE", "")).isEqualTo(500);
        } finally {
            owner("drop trigger " + function + " on notifications.inactive_number_notice");
            owner("drop function notifications." + function + "()");
        }
        assertThat(count("select count(*) from mesh.inactive_nhs_number where nhs_number = :n", child))
                .isZero();
        assertThat(count("select count(*) from notifications.inactive_number_notice where nhs_number = :n", child))
                .isZero();
        assertThat(count(
                        "select count(*) from notifications.delivery d join notifications.inactive_number_notice i"
                                + " on i.id = d.notice_id where i.nhs_number = :n",
                        child))
                .isZero();
        assertThat(jdbc.sql(audited).query(Integer.class).single()).isEqualTo(auditedBefore);

        // Nothing was half-told, so marking again tells both.
        assertThat(admin.mark(child, "INACTIVE", "")).contains("Local authorities told now: 2");
        assertThat(noticesAbout(birmingham, child)).hasSize(1);
        assertThat(noticesAbout(leeds, child)).hasSize(1);
    }

    private int acknowledge(String token, String id) {
        return hub.send(HttpRequest.newBuilder(hub.uri("/api/v1/notifications/" + id + "/acknowledgement"))
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build())
                .statusCode();
    }

    private boolean delivered(String notice, String channel) {
        return "DELIVERED"
                .equals(jdbc.sql(
                                "select status from notifications.delivery where notice_id = :n::uuid and channel = :c")
                        .param("n", notice)
                        .param("c", channel)
                        .query(String.class)
                        .optional()
                        .orElse(null));
    }

    private int deliveries(String notice, String channel) {
        return jdbc.sql("select count(*) from notifications.delivery where notice_id = :n::uuid and channel = :c")
                .param("n", notice)
                .param("c", channel)
                .query(Integer.class)
                .single();
    }

    private int count(String sql, String nhs) {
        return jdbc.sql(sql).param("n", nhs).query(Integer.class).single();
    }

    private void owner(String sql) {
        JdbcClient.create(ownerDataSource).sql(sql).update();
    }

    private static List<MimeMessage> mailsAbout(String localId) {
        return Arrays.stream(MAIL.getReceivedMessages())
                .filter(m -> subject(m).contains(localId))
                .toList();
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String raw(MimeMessage m) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A person signed in to the hub's pages with the form login, as a browser: cookies and CSRF tokens. */
    static final class PageSession {

        private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

        private final HttpClient http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        private final String base;

        private PageSession(int port) {
            this.base = "http://localhost:" + port;
        }

        static PageSession signIn(int port, String username) throws Exception {
            PageSession session = new PageSession(port);
            HttpResponse<String> response = session.post(
                    "/login", "username=" + username + "&password=demo-password&_csrf=" + session.csrf("/login"));
            assertThat(response.statusCode()).isEqualTo(302);
            assertThat(response.headers().firstValue("Location").orElse("")).doesNotContain("error");
            return session;
        }

        String get(String path) throws Exception {
            HttpResponse<String> page = http.send(
                    HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            return page.body();
        }

        /** Marks the number on the administrator's page; @return the page shown after */
        String mark(String nhs, String status, String newNhs) throws Exception {
            HttpResponse<String> response = markResponse(nhs, status, newNhs);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).doesNotContain("There is a problem");
            return response.body();
        }

        int markStatus(String nhs, String status, String newNhs) throws Exception {
            return markResponse(nhs, status, newNhs).statusCode();
        }

        private HttpResponse<String> markResponse(String nhs, String status, String newNhs) throws Exception {
            return post(
                    "/admin/nhs-numbers",
                    "nhsNumber=" + nhs + "&status=" + status + "&newNhsNumber=" + newNhs + "&_csrf="
                            + csrf("/admin/nhs-numbers"));
        }

        private String csrf(String path) throws Exception {
            Matcher m = CSRF.matcher(get(path));
            assertThat(m.find()).as("a CSRF token on " + path).isTrue();
            return URLEncoder.encode(m.group(1), StandardCharsets.UTF_8);
        }

        private HttpResponse<String> post(String path, String form) throws Exception {
            return http.send(
                    HttpRequest.newBuilder(URI.create(base + path))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
