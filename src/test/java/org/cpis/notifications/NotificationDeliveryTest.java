package org.cpis.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.cpis.notifications.NotificationPullApiTest.careTeam;
import static org.cpis.notifications.NotificationPullApiTest.found;
import static org.cpis.notifications.NotificationPullApiTest.upload;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.cpis.HubClient;
import org.cpis.shared.OdsCode;
import org.cpis.webhooks.WebhookSettings;
import org.cpis.webhooks.Webhooks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import testsupport.TestNhsNumbers;
import testsupport.UploadFile;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 5's pushed deliveries end to end: a real local webhook receiver over HTTP, a real SMTP server (GreenMail), the
 * delivery worker polling PostgreSQL. Retries are made fast here; the defaults are checked in the pull API test.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "cpis.notifications.poll-interval=200",
            "cpis.notifications.webhook-first-retry=200ms",
            "cpis.notifications.webhook-max-retry-interval=1s",
            "cpis.notifications.webhook-retry-for=5s",
            "cpis.notifications.webhook-timeout=2s",
            "cpis.notifications.public-url=https://cpis.test.example",
            "cpis.notifications.mail-from=cpis-notifications@cpis.test.example"
        })
@ActiveProfiles("test")
class NotificationDeliveryTest {

    static final OdsCode BIRMINGHAM = new OdsCode("E08000025");
    static final String DUTY_MAILBOX = "duty@birmingham.cpis.example";
    static final Duration PATIENCE = Duration.ofSeconds(20);

    static final GreenMail MAIL = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    static final Receiver RECEIVER = new Receiver();

    static {
        MAIL.start();
    }

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "localhost");
        registry.add("spring.mail.port", () -> MAIL.getSmtp().getPort());
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Notifications notifications;

    @Autowired
    Webhooks webhooks;

    @Autowired
    DeliveryQueue deliveries;

    @Autowired
    DeliveryWorker worker;

    HubClient hub;
    String ed;
    String birmingham;

    @BeforeEach
    void connect() {
        hub = new HubClient(port);
        ed = hub.accessToken("northfield-ed-system", "demo-secret");
        birmingham = hub.accessToken("birmingham-case-system", "demo-secret");
        notifications.configureWebhook(BIRMINGHAM, RECEIVER.url());
    }

    @AfterEach
    void retire() {
        webhooks.retirePreviousSecret(BIRMINGHAM);
    }

    /** A child on a Birmingham plan, looked up once from the ED. */
    private String notifiedChild(String localId, String family, String given, int failures) {
        String child = TestNhsNumbers.next();
        RECEIVER.failFirst(child, failures);
        upload(
                hub,
                "birmingham-case-system",
                UploadFile.builder()
                        .row(r -> r.nhsNumber(child)
                                .localId(localId)
                                .familyName(family)
                                .givenNames(given)
                                .dateOfBirth("2016-04-02")));
        found(careTeam(hub, ed, child));
        return child;
    }

    private UUID notificationOf(String nhs) {
        return notificationOf(nhs, BIRMINGHAM);
    }

    private UUID notificationOf(String nhs, OdsCode la) {
        return jdbc.sql("select id from notifications.notification where nhs_number = :n and la_ods = :la")
                .param("n", nhs)
                .param("la", la.value())
                .query(UUID.class)
                .single();
    }

    private Map<String, Object> delivery(UUID notification, String channel) {
        return jdbc.sql("""
                        select status, attempts, last_error, next_attempt_at, give_up_at, created_at
                          from notifications.delivery where notification_id = :n and channel = :c
                        """)
                .param("n", notification)
                .param("c", channel)
                .query()
                .singleRow();
    }

    /** The Standard Webhooks signature, computed here independently of the hub's signer. */
    static String sign(String secret, String id, String timestamp, String body) throws Exception {
        assertThat(secret).startsWith("whsec_");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(6)), "HmacSHA256"));
        return "v1,"
                + Base64.getEncoder()
                        .encodeToString(
                                mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void a_failing_webhook_is_retried_with_the_same_id_until_it_accepts_and_every_attempt_is_signed() throws Exception {
        WebhookSettings settings = webhooks.settings(BIRMINGHAM);
        assertThat(settings.enabled()).isTrue();
        assertThat(settings.url()).isEqualTo(RECEIVER.url());
        assertThat(settings.previousSecret()).isNull();

        String child = notifiedChild("B-W1", "Hollingsworth", "Marigold", 2);
        UUID id = notificationOf(child);

        await().atMost(PATIENCE)
                .until(() -> "DELIVERED".equals(delivery(id, "WEBHOOK").get("status")));
        Map<String, Object> row = delivery(id, "WEBHOOK");
        assertThat(row.get("attempts")).isEqualTo(3);
        assertThat(row.get("last_error")).isNull();

        List<Receiver.Request> requests = RECEIVER.requestsFor(child);
        assertThat(requests).extracting(Receiver.Request::status).containsExactly(500, 500, 204);
        for (Receiver.Request r : requests) {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.contentType()).startsWith("application/json");
            assertThat(r.id()).as("the de-duplication key never changes").isEqualTo(id.toString());
            long timestamp = Long.parseLong(r.timestamp());
            assertThat(Math.abs(timestamp - r.receivedAt().getEpochSecond())).isLessThanOrEqualTo(5);
            assertThat(r.signature())
                    .as("one v1 signature with the one live secret")
                    .isEqualTo(sign(settings.secret(), r.id(), r.timestamp(), r.body()));
        }
        assertThat(requests.get(1).receivedAt()).isAfter(requests.get(0).receivedAt());

        JsonNode body = JsonMapper.builder().build().readTree(requests.get(2).body());
        assertThat(body.get("type").asString()).isEqualTo("cpis.unscheduled-access");
        assertThat(body.get("id").asString()).isEqualTo(id.toString());
        assertThat(body.get("localAuthority").asString()).isEqualTo(BIRMINGHAM.value());
        assertThat(body.get("child").get("nhsNumber").asString()).isEqualTo(child);
        assertThat(body.get("child").get("localIds").values())
                .extracting(JsonNode::asString)
                .containsExactly("B-W1");
        assertThat(body.get("child").get("planTypes").values())
                .extracting(JsonNode::asString)
                .containsExactly("CPP");
        assertThat(body.get("organisation").get("odsCode").asString()).isEqualTo("X1A01");
        assertThat(body.get("organisation").get("careSettingType").asString()).isEqualTo("EMERGENCY_DEPARTMENT");
        assertThat(body.get("accessedBy").get("name").asString()).isEqualTo(org.cpis.HubClient.END_USER_NAME);
        assertThat(body.get("accessCount").asInt()).isEqualTo(1);
        Instant.parse(body.get("firstAccessedAt").asString());
        assertThat(body.get("cursor").asLong()).isPositive();
        assertThat(requests.get(2).body())
                .doesNotContain("Hollingsworth")
                .doesNotContain("Marigold")
                .doesNotContain("2016-04-02");

        // The pull API still has it too: the webhook is one more channel, not instead of it.
        assertThat(NotificationPullApiTest.feedFor(hub, birmingham, child))
                .extracting(n -> n.get("id").asString())
                .containsExactly(id.toString());
    }

    @Test
    void after_a_rotation_both_secrets_sign_until_the_old_one_is_retired() throws Exception {
        WebhookSettings before = webhooks.settings(BIRMINGHAM);
        WebhookSettings rotated = webhooks.rotateSecret(BIRMINGHAM);
        assertThat(rotated.previousSecret()).isEqualTo(before.secret());
        assertThat(rotated.secret()).isNotEqualTo(before.secret()).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(rotated.secret().substring(6))).hasSizeGreaterThanOrEqualTo(24);
        // Re-registering the URL keeps the secrets.
        assertThat(notifications.configureWebhook(BIRMINGHAM, RECEIVER.url()).secret())
                .isEqualTo(rotated.secret());

        String child = notifiedChild("B-R1", "A", "B", 0);
        await().atMost(PATIENCE).until(() -> !RECEIVER.requestsFor(child).isEmpty());
        Receiver.Request r = RECEIVER.requestsFor(child).get(0);
        List<String> signatures = Arrays.asList(r.signature().split(" "));
        assertThat(signatures)
                .containsExactlyInAnyOrder(
                        sign(rotated.secret(), r.id(), r.timestamp(), r.body()),
                        sign(before.secret(), r.id(), r.timestamp(), r.body()));

        WebhookSettings retired = webhooks.retirePreviousSecret(BIRMINGHAM);
        assertThat(retired.previousSecret()).isNull();
        String later = notifiedChild("B-R2", "A", "B", 0);
        await().atMost(PATIENCE).until(() -> !RECEIVER.requestsFor(later).isEmpty());
        Receiver.Request s = RECEIVER.requestsFor(later).get(0);
        assertThat(s.signature()).isEqualTo(sign(rotated.secret(), s.id(), s.timestamp(), s.body()));
    }

    @Test
    void a_webhook_that_never_accepts_is_marked_failed_when_the_retry_time_is_up_and_shown_to_the_la() {
        String child = notifiedChild("B-F1", "A", "B", Integer.MAX_VALUE);
        UUID id = notificationOf(child);
        Map<String, Object> pending = delivery(id, "WEBHOOK");
        assertThat(((java.sql.Timestamp) pending.get("give_up_at")).toInstant())
                .isEqualTo(((java.sql.Timestamp) pending.get("created_at"))
                        .toInstant()
                        .plusSeconds(5));

        await().atMost(PATIENCE)
                .until(() -> "FAILED".equals(delivery(id, "WEBHOOK").get("status")));
        Map<String, Object> row = delivery(id, "WEBHOOK");
        int attempts = (Integer) row.get("attempts");
        assertThat(attempts).isGreaterThanOrEqualTo(3);
        assertThat(row.get("last_error")).isEqualTo("HTTP 500");
        assertThat(RECEIVER.requestsFor(child))
                .hasSize(attempts)
                .allSatisfy(r -> assertThat(r.id()).isEqualTo(id.toString()));

        assertThat(deliveries.failures(BIRMINGHAM, 100))
                .contains(new DeliveryStatus(id, Channel.WEBHOOK, DeliveryState.FAILED, attempts, "HTTP 500"));
        // No further attempts once failed.
        int seen = RECEIVER.requestsFor(child).size();
        await().during(Duration.ofMillis(1500))
                .atMost(Duration.ofSeconds(3))
                .until(() -> RECEIVER.requestsFor(child).size() == seen);
        // The e-mail backup is a separate delivery and went anyway.
        assertThat(delivery(id, "EMAIL").get("status")).isEqualTo("DELIVERED");
    }

    @Test
    void an_unreachable_webhook_is_an_error_to_retry_not_a_crash() {
        notifications.configureWebhook(BIRMINGHAM, "http://localhost:" + closedPort() + "/hook");
        try {
            String child = notifiedChild("B-U1", "A", "B", 0);
            UUID id = notificationOf(child);
            // This hub gives up after 5 s (for the test above); this test is about retrying, so it must not give up
            // while a slow machine takes its time over the steps below.
            jdbc.sql("""
                    update notifications.delivery set give_up_at = now() + interval '1 minute'
                     where notification_id = :n and channel = 'WEBHOOK'
                    """).param("n", id).update();
            await().atMost(PATIENCE)
                    .until(() -> (Integer) delivery(id, "WEBHOOK").get("attempts") >= 2);
            assertThat(delivery(id, "WEBHOOK").get("status")).isEqualTo("PENDING");
            assertThat((String) delivery(id, "WEBHOOK").get("last_error")).contains("ConnectException");
            // Back to a working URL before the retry time is up: the pending delivery arrives.
            notifications.configureWebhook(BIRMINGHAM, RECEIVER.url());
            await().atMost(PATIENCE)
                    .until(() -> "DELIVERED".equals(delivery(id, "WEBHOOK").get("status")));
            assertThat(RECEIVER.requestsFor(child)).hasSize(1);
        } finally {
            notifications.configureWebhook(BIRMINGHAM, RECEIVER.url());
        }
    }

    /**
     * A receiver that fails every attempt is backed off as a whole: its LA's new notifications wait for the endpoint's
     * retry time instead of each costing a timeout, and other LAs' webhooks go meanwhile.
     */
    @Test
    void an_endpoint_failing_every_attempt_is_backed_off_as_a_whole_and_other_las_are_not_held_up() {
        OdsCode leeds = new OdsCode("E08000035");
        notifications.configureWebhook(leeds, "http://localhost:" + closedPort() + "/hook");
        try {
            String first = leedsChild("L-E1");
            UUID firstId = notificationOf(first, leeds);
            await().atMost(PATIENCE)
                    .until(() -> (Integer) delivery(firstId, "WEBHOOK").get("attempts") >= 1);
            await().atMost(PATIENCE).until(() -> (Integer) endpoint(leeds).get("consecutive_failures") >= 1);
            assertThat(endpoint(leeds).get("retry_after")).isNotNull();

            // As after many failures in a row: the endpoint is left alone for an hour.
            jdbc.sql("update notifications.webhook set retry_after = now() + interval '1 hour' where la_ods = :la")
                    .param("la", leeds.value())
                    .update();
            String second = leedsChild("L-E2");
            UUID secondId = notificationOf(second, leeds);
            String other = notifiedChild("B-E1", "A", "B", 0);
            UUID otherId = notificationOf(other);
            await().atMost(PATIENCE)
                    .until(() -> "DELIVERED".equals(delivery(otherId, "WEBHOOK").get("status")));
            worker.deliverDue();
            assertThat(delivery(secondId, "WEBHOOK"))
                    .containsEntry("status", "PENDING")
                    .containsEntry("attempts", 0);

            // The LA mends its receiver and registers it again: the backoff is lifted and both arrive.
            notifications.configureWebhook(leeds, RECEIVER.url());
            assertThat(endpoint(leeds)).containsEntry("consecutive_failures", 0);
            await().atMost(PATIENCE)
                    .until(() -> "DELIVERED"
                                    .equals(delivery(secondId, "WEBHOOK").get("status"))
                            && "DELIVERED".equals(delivery(firstId, "WEBHOOK").get("status")));
            assertThat(RECEIVER.requestsFor(second)).hasSize(1);
            assertThat(RECEIVER.requestsFor(first)).hasSize(1);
        } finally {
            webhooks.disable(leeds);
        }
    }

    private String leedsChild(String localId) {
        String child = TestNhsNumbers.next();
        upload(
                hub,
                "leeds-case-system",
                UploadFile.builder()
                        .row(r -> r.nhsNumber(child).localId(localId).dateOfBirth("2016-04-02")));
        found(careTeam(hub, ed, child));
        return child;
    }

    private Map<String, Object> endpoint(OdsCode la) {
        return jdbc.sql("select consecutive_failures, retry_after from notifications.webhook where la_ods = :la")
                .param("la", la.value())
                .query()
                .singleRow();
    }

    @Test
    void a_notification_left_unreviewed_too_long_is_also_emailed_to_the_duty_mailbox_in_englands_time()
            throws Exception {
        String child = notifiedChild("B-ESC1", "Winterbourne", "Clemency", 0);
        UUID id = notificationOf(child);
        await().atMost(PATIENCE).until(() -> mailsAbout("B-ESC1").size() == 1);
        java.time.Instant accessed = jdbc.sql("select first_accessed_at from notifications.notification where id = :id")
                .param("id", id)
                .query(java.sql.Timestamp.class)
                .single()
                .toInstant();
        jdbc.sql("update notifications.notification set created_at = created_at - interval '25 hours' where id = :id")
                .param("id", id)
                .update();

        assertThat(notifications.escalate()).isPositive();

        await().atMost(PATIENCE).until(() -> mailsAbout("B-ESC1").size() == 2);
        MimeMessage escalation = mailsAbout("B-ESC1").stream()
                .filter(m -> subject(m).contains("ESCALATED"))
                .findFirst()
                .orElseThrow();
        assertThat(escalation.getRecipients(Message.RecipientType.TO))
                .extracting(Object::toString)
                .containsExactly(DUTY_MAILBOX);
        String text = escalation.getContent().toString();
        assertThat(text)
                .contains("escalated to the duty team")
                .contains("When: " + org.cpis.shared.web.ViewFormat.dateTime(accessed))
                .contains("https://cpis.test.example/notifications/" + id)
                .doesNotContain(child, "Winterbourne", "Clemency");
        await().atMost(PATIENCE)
                .until(() -> "DELIVERED".equals(delivery(id, "ESCALATION").get("status")));
        // Escalated once: the job running again sends nothing more.
        notifications.escalate();
        await().during(Duration.ofMillis(1000))
                .atMost(Duration.ofSeconds(3))
                .until(() -> mailsAbout("B-ESC1").size() == 2);
    }

    @Test
    void the_duty_team_mailbox_is_told_a_notification_is_waiting_without_name_or_nhs_number() throws Exception {
        String child = notifiedChild("B-M1", "Featherstonehaugh", "Persephone", 0);
        UUID id = notificationOf(child);

        await().atMost(PATIENCE).until(() -> mailsAbout("B-M1").size() == 1);
        MimeMessage mail = mailsAbout("B-M1").get(0);
        assertThat(mail.getRecipients(Message.RecipientType.TO))
                .extracting(Object::toString)
                .containsExactly(DUTY_MAILBOX);
        assertThat(mail.getFrom()).extracting(Object::toString).containsExactly("cpis-notifications@cpis.test.example");
        String subject = mail.getSubject();
        String text = mail.getContent().toString();
        assertThat(subject + "\n" + text).contains("B-M1");
        assertThat(text).contains("https://cpis.test.example/notifications/" + id);
        String spaced = child.substring(0, 3) + " " + child.substring(3, 6) + " " + child.substring(6);
        for (String secret : List.of(child, spaced, "Featherstonehaugh", "Persephone", "2016-04-02")) {
            assertThat(subject).doesNotContain(secret);
            assertThat(text).doesNotContain(secret);
            assertThat(raw(mail)).doesNotContain(secret);
        }
        await().atMost(PATIENCE)
                .until(() -> "DELIVERED".equals(delivery(id, "EMAIL").get("status")));
        assertThat(delivery(id, "EMAIL").get("attempts")).isEqualTo(1);

        // A second access grouped on the same notification does not mail again.
        found(careTeam(hub, ed, child));
        await().during(Duration.ofMillis(1000))
                .atMost(Duration.ofSeconds(3))
                .until(() -> mailsAbout("B-M1").size() == 1);
        assertThat(Arrays.stream(MAIL.getReceivedMessages())
                        .filter(m -> addressedTo(m, "duty@leeds.cpis.example"))
                        .filter(m -> subject(m).contains("B-M1")))
                .as("Leeds holds no record")
                .isEmpty();
    }

    @Test
    void a_delivery_whose_worker_died_is_picked_up_again_when_its_lease_runs_out() {
        String child = notifiedChild("B-L1", "A", "B", 0);
        UUID id = notificationOf(child);
        await().atMost(PATIENCE)
                .until(() -> "DELIVERED".equals(delivery(id, "WEBHOOK").get("status")));
        assertThat(RECEIVER.requestsFor(child)).hasSize(1);

        // A worker claimed it (lease two minutes ahead), sent it, and died before recording the outcome.
        jdbc.sql("""
                update notifications.delivery
                   set status = 'PENDING', delivered_at = null, next_attempt_at = now() + interval '2 minutes',
                       give_up_at = now() + interval '1 hour'
                 where notification_id = :n and channel = 'WEBHOOK'
                """).param("n", id).update();
        // While the lease holds, no other worker touches it.
        await().during(Duration.ofMillis(1200))
                .atMost(Duration.ofSeconds(3))
                .until(() -> RECEIVER.requestsFor(child).size() == 1);

        // The lease runs out: delivered again, with the same webhook-id for the receiver to de-duplicate.
        jdbc.sql("""
                update notifications.delivery set next_attempt_at = now() - interval '1 second'
                 where notification_id = :n and channel = 'WEBHOOK'
                """).param("n", id).update();
        await().atMost(PATIENCE).until(() -> RECEIVER.requestsFor(child).size() == 2);
        await().atMost(PATIENCE)
                .until(() -> "DELIVERED".equals(delivery(id, "WEBHOOK").get("status")));
        assertThat(RECEIVER.requestsFor(child))
                .extracting(Receiver.Request::id)
                .containsExactly(id.toString(), id.toString());
    }

    /**
     * A worker whose lease ran out while it waited on a slow receiver, and whose delivery another worker has since
     * made, must not overwrite that outcome with its own late failure.
     */
    @Test
    void a_worker_that_outlived_its_lease_does_not_overwrite_another_workers_delivery() {
        String child = TestNhsNumbers.next();
        RECEIVER.failFirst(child, 1);
        RECEIVER.slowFirst(child, 1500);
        upload(
                hub,
                "birmingham-case-system",
                UploadFile.builder().row(r -> r.nhsNumber(child).localId("B-S1").dateOfBirth("2016-04-02")));
        found(careTeam(hub, ed, child));
        UUID id = notificationOf(child);

        // The scheduled worker has claimed it and is waiting on the slow receiver; its lease now runs out.
        await().atMost(PATIENCE).until(() -> RECEIVER.arrived(child) == 1);
        jdbc.sql("""
                update notifications.delivery set next_attempt_at = now() - interval '1 second'
                 where notification_id = :n and channel = 'WEBHOOK'
                """).param("n", id).update();
        // Another worker (another node) takes it over and delivers it.
        worker.deliverDue();
        Map<String, Object> delivered = delivery(id, "WEBHOOK");
        assertThat(delivered.get("status")).isEqualTo("DELIVERED");
        assertThat(delivered.get("attempts")).isEqualTo(1);

        // The first worker's 500 comes back late: it must not turn the delivery back into a pending (or failed) one.
        await().atMost(PATIENCE).until(() -> RECEIVER.requestsFor(child).size() >= 2);
        await().during(Duration.ofMillis(1500))
                .atMost(Duration.ofSeconds(4))
                .until(() -> "DELIVERED".equals(delivery(id, "WEBHOOK").get("status")));
        assertThat(RECEIVER.requestsFor(child)).hasSize(2);
        assertThat(delivery(id, "WEBHOOK").get("attempts")).isEqualTo(1);
    }

    @Test
    void backoff_grows_exponentially_with_jitter_and_is_capped() {
        for (int i = 0; i < 50; i++) {
            assertThat(worker.backoff(1).toMillis()).isBetween(160L, 240L);
            assertThat(worker.backoff(2).toMillis()).isBetween(320L, 480L);
            assertThat(worker.backoff(3).toMillis()).isBetween(640L, 960L);
            assertThat(worker.backoff(4).toMillis()).isBetween(800L, 1200L);
            assertThat(worker.backoff(40).toMillis()).isBetween(800L, 1200L);
        }
    }

    private static List<MimeMessage> mailsAbout(String localId) {
        return Arrays.stream(MAIL.getReceivedMessages())
                .filter(m -> addressedTo(m, DUTY_MAILBOX))
                .filter(m -> subject(m).contains(localId))
                .toList();
    }

    private static boolean addressedTo(MimeMessage m, String address) {
        try {
            return Arrays.stream(m.getAllRecipients())
                    .anyMatch(a -> a.toString().equals(address));
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String raw(MimeMessage m) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        m.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int closedPort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An LA's webhook endpoint: records what arrives; fails the first N requests about a child, then accepts. */
    static final class Receiver {

        record Request(
                String method,
                String contentType,
                String id,
                String timestamp,
                String signature,
                String body,
                String nhsNumber,
                Instant receivedAt,
                int status) {}

        private static final JsonMapper JSON = JsonMapper.builder().build();

        private final HttpServer server;
        private final List<Request> requests = new CopyOnWriteArrayList<>();
        private final Map<String, Integer> failures = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
        private final Map<String, Long> firstDelay = new ConcurrentHashMap<>();
        private final List<String> arrivals = new CopyOnWriteArrayList<>();

        Receiver() {
            try {
                server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/hook", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String nhs;
                try {
                    nhs = JSON.readTree(body).get("child").get("nhsNumber").asString();
                } catch (RuntimeException e) {
                    nhs = "";
                }
                int n = seen.computeIfAbsent(nhs, k -> new AtomicInteger()).incrementAndGet();
                int status = n <= failures.getOrDefault(nhs, 0) ? 500 : 204;
                arrivals.add(nhs);
                if (n == 1 && firstDelay.containsKey(nhs)) {
                    try {
                        Thread.sleep(firstDelay.get(nhs));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                requests.add(new Request(
                        exchange.getRequestMethod(),
                        exchange.getRequestHeaders().getFirst("Content-Type"),
                        exchange.getRequestHeaders().getFirst("webhook-id"),
                        exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                        exchange.getRequestHeaders().getFirst("webhook-signature"),
                        body,
                        nhs,
                        Instant.now(),
                        status));
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.setExecutor(Executors.newCachedThreadPool());
            server.start();
        }

        String url() {
            return "http://localhost:" + server.getAddress().getPort() + "/hook";
        }

        void failFirst(String nhs, int count) {
            failures.put(nhs, count);
        }

        /** The first request about the child is answered only after this long. */
        void slowFirst(String nhs, long millis) {
            firstDelay.put(nhs, millis);
        }

        long arrived(String nhs) {
            return arrivals.stream().filter(nhs::equals).count();
        }

        List<Request> requestsFor(String nhs) {
            return requests.stream().filter(r -> r.nhsNumber().equals(nhs)).toList();
        }
    }
}
