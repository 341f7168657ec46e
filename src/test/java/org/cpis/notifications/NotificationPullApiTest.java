package org.cpis.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cpis.CpisIntegrationTest;
import org.cpis.HubClient;
import org.cpis.shared.PlanType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import testsupport.TestNhsNumbers;
import testsupport.UploadFile;
import tools.jackson.databind.JsonNode;

/**
 * Issue 5, the pull API and what a notification is (docs/interfaces.md section 5): real uploads, real FHIR lookups,
 * the LA systems' own feed over real HTTP, and PostgreSQL underneath.
 */
@CpisIntegrationTest
class NotificationPullApiTest {

    static final String BIRMINGHAM = "E08000025";
    static final String LEEDS = "E08000035";

    /** Everything a notification may say: who, when, where, and the child as the LA knows them. Nothing clinical. */
    static final List<String> FIELDS = List.of(
            "type",
            "id",
            "cursor",
            "localAuthority",
            "child",
            "firstAccessedAt",
            "lastAccessedAt",
            "accessCount",
            "accessedBy",
            "organisation",
            "accesses", // each person who looked and when (issue 12)
            "allocatedWorker",
            "status",
            "acknowledged",
            "escalated");

    @LocalServerPort
    int port;

    @Autowired
    NotificationsProperties properties;

    @Autowired
    JdbcClient jdbc;

    /** The schemas' owner: the hub's own role may not change tables or add triggers (issue 12). */
    @Autowired
    @org.springframework.beans.factory.annotation.Qualifier("ownerDataSource")
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
    }

    // ---- helpers, also used by the delivery test ----

    static void upload(HubClient hub, String client, UploadFile.Builder file) {
        String token = hub.accessToken(client, "demo-secret");
        HttpResponse<String> response = hub.upload(token, file);
        assertThat(HubClient.json(response).get("status").asString())
                .as(response.body())
                .isEqualTo("ALL_LOADED");
    }

    /** A FHIR CareTeam search as NHS consumers send it (raw "|"), with optional headers. */
    static HttpResponse<String> careTeam(HubClient hub, String token, String nhs, String... given) {
        String[] headers = HubClient.withEndUser("/fhir/R4/CareTeam", given);
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        hub.uri("/fhir/R4/CareTeam?patient:identifier=https://fhir.nhs.uk/Id/nhs-number%7C" + nhs))
                .header("Authorization", "Bearer " + token)
                .GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return hub.send(request.build());
    }

    static HttpResponse<String> found(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    /** Every notification in the LA's feed, paging through with the cursor. */
    static List<JsonNode> wholeFeed(HubClient hub, String token) {
        List<JsonNode> all = new ArrayList<>();
        long after = 0;
        while (true) {
            HttpResponse<String> response = hub.get("/api/v1/notifications?after=" + after + "&limit=1000", token);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode page = HubClient.json(response);
            List<JsonNode> items = new ArrayList<>(page.get("notifications").values());
            if (items.isEmpty()) {
                assertThat(page.get("nextCursor").asLong()).isEqualTo(after);
                return all;
            }
            all.addAll(items);
            after = page.get("nextCursor").asLong();
        }
    }

    static List<JsonNode> feedFor(HubClient hub, String token, String nhs) {
        return wholeFeed(hub, token).stream()
                .filter(n -> n.get("child").get("nhsNumber").asString().equals(nhs))
                .toList();
    }

    private static List<String> strings(JsonNode array) {
        return array.values().stream().map(JsonNode::asString).toList();
    }

    private long notificationsIn(String la, String nhs) {
        return jdbc.sql("select count(*) from notifications.notification where la_ods = :la and nhs_number = :n")
                .param("la", la)
                .param("n", nhs)
                .query(Long.class)
                .single();
    }

    // ---- tests ----

    @Test
    void each_responsible_la_gets_exactly_one_notification_with_who_where_and_the_child_as_it_knows_them() {
        String child = TestNhsNumbers.next();
        upload(
                hub,
                "birmingham-case-system",
                UploadFile.builder()
                        .row(r -> r.nhsNumber(child)
                                .localId("B-501")
                                .familyName("Smithson")
                                .givenNames("Alicia")));
        upload(
                hub,
                "leeds-case-system",
                UploadFile.builder()
                        .row(r -> r.nhsNumber(child)
                                .localId("L-502")
                                .familyName("Smithson")
                                .givenNames("Alicia")
                                .planType(PlanType.LAC)
                                .startDate("2025-02-01")
                                .endDate("2029-12-31")));

        found(careTeam(hub, ed, child));

        List<JsonNode> mine = feedFor(hub, birmingham, child);
        assertThat(mine).hasSize(1);
        JsonNode n = mine.get(0);
        assertThat(n.propertyNames())
                .containsExactlyInAnyOrderElementsOf(FIELDS.stream()
                        .filter(f -> !f.equals("allocatedWorker") || n.has("allocatedWorker"))
                        .toList());
        assertThat(n.get("type").asString()).isEqualTo("cpis.unscheduled-access");
        assertThat(n.get("localAuthority").asString()).isEqualTo(BIRMINGHAM);
        assertThat(n.get("child").propertyNames()).containsExactlyInAnyOrder("nhsNumber", "localIds", "planTypes");
        assertThat(n.get("child").get("nhsNumber").asString()).isEqualTo(child);
        assertThat(strings(n.get("child").get("localIds"))).containsExactly("B-501");
        assertThat(strings(n.get("child").get("planTypes"))).containsExactly("CPP");
        assertThat(n.get("organisation").get("odsCode").asString()).isEqualTo("X1A01");
        assertThat(n.get("organisation").get("name").asString())
                .isEqualTo("Northfield General Hospital Emergency Department");
        assertThat(n.get("organisation").get("careSettingType").asString()).isEqualTo("EMERGENCY_DEPARTMENT");
        assertThat(n.get("accessedBy").get("name").asString()).isEqualTo(HubClient.END_USER_NAME);
        assertThat(n.get("accessedBy").get("role").asString())
                .isEqualTo("UNSCHEDULED_CLINICIAN"); // the named end user at an ED (issue 12)
        assertThat(n.get("accessCount").asInt()).isEqualTo(1);
        assertThat(n.get("status").asString()).isEqualTo("UNREVIEWED");
        assertThat(n.get("acknowledged").asBoolean()).isFalse();
        assertThat(n.get("firstAccessedAt").asString())
                .isEqualTo(n.get("lastAccessedAt").asString());
        UUID.fromString(n.get("id").asString());
        // Never the child's name or date of birth, never clinical content.
        assertThat(n.toString())
                .doesNotContain("Smithson")
                .doesNotContain("Alicia")
                .doesNotContain("2015-03-01")
                .doesNotContain("L-502");

        // Pushed deliveries are retried for at least 24 hours by default (section 5); with no SMTP server and no
        // webhook configured here, nothing is queued for pushing at all.
        assertThat(properties.webhookRetryFor()).isGreaterThanOrEqualTo(Duration.ofHours(24));
        assertThat(jdbc.sql("select count(*) from notifications.delivery where notification_id = :id::uuid")
                        .param("id", n.get("id").asString())
                        .query(Integer.class)
                        .single())
                .isZero();

        List<JsonNode> theirs = feedFor(hub, leeds, child);
        assertThat(theirs).hasSize(1);
        JsonNode l = theirs.get(0);
        assertThat(l.get("localAuthority").asString()).isEqualTo(LEEDS);
        assertThat(strings(l.get("child").get("localIds"))).containsExactly("L-502");
        assertThat(strings(l.get("child").get("planTypes"))).containsExactly("LAC");
        assertThat(l.get("id").asString()).isNotEqualTo(n.get("id").asString());
        assertThat(l.toString()).doesNotContain("B-501");
    }

    @Test
    void the_feed_is_ordered_and_cursor_paged_and_limit_works() {
        String first = TestNhsNumbers.next();
        String second = TestNhsNumbers.next();
        String third = TestNhsNumbers.next();
        upload(
                hub,
                "birmingham-case-system",
                UploadFile.builder()
                        .row(r -> r.nhsNumber(first).localId("B-601"))
                        .row(r -> r.nhsNumber(second).localId("B-602"))
                        .row(r -> r.nhsNumber(third).localId("B-603")));

        found(careTeam(hub, ed, first));
        List<JsonNode> before = wholeFeed(hub, birmingham);
        long nextCursor = before.get(before.size() - 1).get("cursor").asLong();
        for (int i = 1; i < before.size(); i++) {
            assertThat(before.get(i).get("cursor").asLong())
                    .isGreaterThan(before.get(i - 1).get("cursor").asLong());
        }

        found(careTeam(hub, ed, second));
        found(careTeam(hub, ed, third));

        HttpResponse<String> newer = hub.get("/api/v1/notifications?after=" + nextCursor + "&limit=1000", birmingham);
        assertThat(newer.statusCode()).isEqualTo(200);
        List<JsonNode> items =
                new ArrayList<>(HubClient.json(newer).get("notifications").values());
        assertThat(items)
                .extracting(n -> n.get("child").get("nhsNumber").asString())
                .containsSubsequence(second, third)
                .doesNotContain(first);
        assertThat(items).allSatisfy(n -> assertThat(n.get("cursor").asLong()).isGreaterThan(nextCursor));

        HttpResponse<String> one = hub.get("/api/v1/notifications?after=" + nextCursor + "&limit=1", birmingham);
        JsonNode page = HubClient.json(one);
        assertThat(page.get("notifications").values()).hasSize(1);
        JsonNode only = page.get("notifications").values().iterator().next();
        assertThat(only.get("child").get("nhsNumber").asString())
                .isEqualTo(items.get(0).get("child").get("nhsNumber").asString());
        assertThat(page.get("nextCursor").asLong()).isEqualTo(only.get("cursor").asLong());
        JsonNode following = HubClient.json(
                hub.get("/api/v1/notifications?after=" + page.get("nextCursor").asLong() + "&limit=1", birmingham));
        assertThat(following
                        .get("notifications")
                        .values()
                        .iterator()
                        .next()
                        .get("cursor")
                        .asLong())
                .isEqualTo(items.get(1).get("cursor").asLong());

        // Far past the end: empty, and the cursor stays where it was.
        JsonNode end = HubClient.json(hub.get("/api/v1/notifications?after=9000000000&limit=10", birmingham));
        assertThat(end.get("notifications").values()).isEmpty();
        assertThat(end.get("nextCursor").asLong()).isEqualTo(9000000000L);
    }

    @Test
    void bad_parameters_are_400_and_only_la_systems_may_read_the_feed() {
        for (String query : List.of(
                "after=-1",
                "after=abc",
                "after=1.5",
                "limit=0",
                "limit=-3",
                "limit=1001",
                "limit=ten",
                "after=99999999999999999999999")) {
            HttpResponse<String> response = hub.get("/api/v1/notifications?" + query, birmingham);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
        }
        assertThat(hub.get("/api/v1/notifications", birmingham).statusCode()).isEqualTo(200);
        assertThat(hub.get("/api/v1/notifications?after=0&limit=1000", birmingham)
                        .statusCode())
                .isEqualTo(200);
        assertThat(hub.get("/api/v1/notifications", null).statusCode()).isEqualTo(401);
        assertThat(hub.get("/api/v1/notifications", ed).statusCode()).isEqualTo(403);
    }

    @Test
    void acknowledgement_is_204_for_the_las_own_and_404_for_unknown_or_another_las() {
        String child = TestNhsNumbers.next();
        upload(
                hub,
                "birmingham-case-system",
                UploadFile.builder().row(r -> r.nhsNumber(child).localId("B-701")));
        String leedsChild = TestNhsNumbers.next();
        upload(
                hub,
                "leeds-case-system",
                UploadFile.builder().row(r -> r.nhsNumber(leedsChild).localId("L-701")));
        found(careTeam(hub, ed, child));
        found(careTeam(hub, ed, leedsChild));
        String id = feedFor(hub, birmingham, child).get(0).get("id").asString();
        String leedsId = feedFor(hub, leeds, leedsChild).get(0).get("id").asString();

        assertThat(acknowledge(id, birmingham).statusCode()).isEqualTo(204);
        assertThat(acknowledge(id, birmingham).statusCode()).as("idempotent").isEqualTo(204);
        assertThat(feedFor(hub, birmingham, child).get(0).get("acknowledged").asBoolean())
                .isTrue();
        assertThat(jdbc.sql("select acknowledged_by from notifications.notification where id = :id::uuid")
                        .param("id", id)
                        .query(String.class)
                        .single())
                .isEqualTo("birmingham-case-system");

        assertThat(acknowledge(UUID.randomUUID().toString(), birmingham).statusCode())
                .isEqualTo(404);
        assertThat(acknowledge("not-a-uuid", birmingham).statusCode()).isEqualTo(404);
        assertThat(acknowledge(leedsId, birmingham).statusCode())
                .as("another LA's")
                .isEqualTo(404);
        assertThat(feedFor(hub, leeds, leedsChild).get(0).get("acknowledged").asBoolean())
                .isFalse();
        assertThat(acknowledge(id, ed).statusCode()).isEqualTo(403);
    }

    private HttpResponse<String> acknowledge(String id, String token) {
        return hub.send(HttpRequest.newBuilder(hub.uri("/api/v1/notifications/" + id + "/acknowledgement"))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    }

    @Test
    void a_second_access_from_the_same_organisation_within_the_window_counts_on_the_same_notification() {
        String child = TestNhsNumbers.next();
        upload(
                hub,
                "birmingham-case-system",
                UploadFile.builder().row(r -> r.nhsNumber(child).localId("B-801")));
        found(careTeam(hub, ed, child));
        JsonNode first = feedFor(hub, birmingham, child).get(0);
        assertThat(first.get("accessCount").asInt()).isEqualTo(1);

        found(careTeam(hub, ed, child));
        found(careTeam(hub, ed, child, "IsUnscheduledAccessEvent", "true"));

        List<JsonNode> after = feedFor(hub, birmingham, child);
        assertThat(after).hasSize(1);
        assertThat(after.get(0).get("id").asString()).isEqualTo(first.get("id").asString());
        assertThat(after.get(0).get("accessCount").asInt()).isEqualTo(3);
        assertThat(Instant.parse(after.get(0).get("lastAccessedAt").asString()))
                .isAfterOrEqualTo(Instant.parse(first.get("lastAccessedAt").asString()));
        assertThat(after.get(0).get("firstAccessedAt").asString())
                .isEqualTo(first.get("firstAccessedAt").asString());
        // Every access is still recorded.
        assertThat(jdbc.sql("select count(*) from lookup.access where nhs_number = :n and unscheduled")
                        .param("n", child)
                        .query(Long.class)
                        .single())
                .isEqualTo(3);
    }

    @Test
    void scheduled_care_and_las_without_a_record_get_nothing() {
        String child = TestNhsNumbers.next();
        upload(
                hub,
                "birmingham-case-system",
                UploadFile.builder().row(r -> r.nhsNumber(child).localId("B-901")));
        found(careTeam(hub, ed, child, "IsUnscheduledAccessEvent", "false"));
        String gp = hub.accessToken("westgate-gp-system", "demo-secret");
        found(careTeam(hub, gp, child));
        found(careTeam(hub, gp, child, "IsUnscheduledAccessEvent", "true"));
        assertThat(notificationsIn(BIRMINGHAM, child)).isZero();
        assertThat(feedFor(hub, birmingham, child)).isEmpty();

        found(careTeam(hub, ed, child));
        assertThat(feedFor(hub, birmingham, child)).hasSize(1);
        assertThat(feedFor(hub, leeds, child)).as("Leeds holds no record").isEmpty();
        assertThat(jdbc.sql("select count(*) from notifications.notification where nhs_number = :n and la_ods <> :la")
                        .param("n", child)
                        .param("la", BIRMINGHAM)
                        .query(Long.class)
                        .single())
                .isZero();

        // Nobody is told about a lookup that found nothing.
        String nobody = TestNhsNumbers.next();
        found(careTeam(hub, ed, nobody));
        assertThat(jdbc.sql("select count(*) from notifications.notification where nhs_number = :n")
                        .param("n", nobody)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void the_allocated_social_worker_gets_it_otherwise_the_mash_queue() {
        String allocated = TestNhsNumbers.next();
        String unallocated = TestNhsNumbers.next();
        upload(
                hub,
                "birmingham-case-system",
                UploadFile.builder()
                        .row(r -> r.nhsNumber(allocated)
                                .localId("B-951")
                                .allocatedWorker("sam.patel@birmingham.cpis.example"))
                        .row(r -> r.nhsNumber(unallocated).localId("B-952")));
        found(careTeam(hub, ed, allocated));
        found(careTeam(hub, ed, unallocated));

        assertThat(routing(allocated)).containsExactly("SOCIAL_WORKER", "sam.patel@birmingham.cpis.example");
        assertThat(routing(unallocated)).containsExactly("MASH", null);
        assertThat(feedFor(hub, birmingham, allocated)
                        .get(0)
                        .get("allocatedWorker")
                        .asString())
                .isEqualTo("sam.patel@birmingham.cpis.example");
    }

    private List<String> routing(String nhs) {
        return jdbc.sql("select queue, allocated_worker from notifications.notification where nhs_number = :n")
                .param("n", nhs)
                .query((rs, i) -> java.util.Arrays.asList(rs.getString(1), rs.getString(2)))
                .single();
    }

    /**
     * Section 5: "an access without its notification cannot exist". Every unscheduled access is counted on exactly
     * one notification per LA, grouped per organisation; and when writing the notification fails, the access is not
     * recorded either (one transaction).
     */
    @Test
    void every_unscheduled_access_is_on_a_notification_grouped_per_organisation() throws Exception {
        String child = TestNhsNumbers.next();
        upload(
                hub,
                "birmingham-case-system",
                UploadFile.builder().row(r -> r.nhsNumber(child).localId("B-961")));

        found(careTeam(hub, ed, child));
        WebSession midwife = WebSession.signIn(port, "maternity.midwife", "demo-password");
        assertThat(midwife.lookup(child)).contains("Birmingham City Council");
        found(careTeam(hub, ed, child));
        midwife.lookup(child);
        found(careTeam(hub, ed, child));
        found(careTeam(hub, ed, child, "IsUnscheduledAccessEvent", "false")); // scheduled: recorded, not notified

        List<String[]> accesses = jdbc.sql("""
                        select org_ods, unscheduled from lookup.access where nhs_number = :n order by id
                        """)
                .param("n", child)
                .query((rs, i) -> new String[] {rs.getString(1), String.valueOf(rs.getBoolean(2))})
                .list();
        assertThat(accesses).hasSize(6);
        long unscheduled = accesses.stream().filter(a -> a[1].equals("true")).count();
        assertThat(unscheduled).isEqualTo(5);

        List<JsonNode> feed = feedFor(hub, birmingham, child);
        assertThat(feed)
                .extracting(
                        n -> n.get("organisation").get("odsCode").asString(),
                        n -> n.get("accessCount").asInt())
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("X1A01", 3),
                        org.assertj.core.groups.Tuple.tuple("X1A02", 2));
        JsonNode maternity = feed.stream()
                .filter(n -> n.get("organisation").get("odsCode").asString().equals("X1A02"))
                .findFirst()
                .orElseThrow();
        assertThat(maternity.get("organisation").get("careSettingType").asString())
                .isEqualTo("MATERNITY");
        assertThat(maternity.get("accessedBy").get("name").asString()).isEqualTo("Grace Okafor");
        assertThat(maternity.get("accessedBy").get("role").asString()).isEqualTo("UNSCHEDULED_CLINICIAN");
        for (JsonNode n : feed) {
            String org = n.get("organisation").get("odsCode").asString();
            long fromOrg = accesses.stream()
                    .filter(a -> a[0].equals(org) && a[1].equals("true"))
                    .count();
            assertThat(n.get("accessCount").asLong()).as(org).isEqualTo(fromOrg);
        }
        // Each notification names the access that opened it.
        assertThat(jdbc.sql("""
                        select count(*) from notifications.notification n
                          join lookup.access a on a.id = n.first_access_id
                         where n.nhs_number = :n and a.nhs_number = :n and a.org_ods = n.org_ods and a.unscheduled
                        """).param("n", child).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void when_the_notification_cannot_be_written_the_access_is_not_recorded_either() {
        String child = TestNhsNumbers.next();
        upload(
                hub,
                "birmingham-case-system",
                UploadFile.builder().row(r -> r.nhsNumber(child).localId("B-971")));
        String function = "fail_notification_" + child;
        JdbcClient.create(ownerDataSource)
                .sql("create function notifications." + function + "() returns trigger language plpgsql as $$"
                        + " begin if new.nhs_number = '" + child
                        + "' then raise exception 'notification refused by test'; end if; return new; end $$")
                .update();
        JdbcClient.create(ownerDataSource)
                .sql("create trigger " + function + " before insert on notifications.notification"
                        + " for each row execute function notifications." + function + "()")
                .update();
        try {
            HttpResponse<String> response = careTeam(hub, ed, child);
            assertThat(response.statusCode()).isGreaterThanOrEqualTo(500);
        } finally {
            JdbcClient.create(ownerDataSource)
                    .sql("drop trigger " + function + " on notifications.notification")
                    .update();
            JdbcClient.create(ownerDataSource)
                    .sql("drop function notifications." + function + "()")
                    .update();
        }
        assertThat(jdbc.sql("select count(*) from lookup.access where nhs_number = :n")
                        .param("n", child)
                        .query(Long.class)
                        .single())
                .as("the access rolled back with its notification")
                .isZero();
        assertThat(notificationsIn(BIRMINGHAM, child)).isZero();

        // And with the trigger gone, the same lookup records both.
        found(careTeam(hub, ed, child));
        assertThat(notificationsIn(BIRMINGHAM, child)).isEqualTo(1);
    }

    /**
     * A polling LA system must not skip a notification whose transaction commits after a newer one's: the cursor is
     * the creation order, so one created earlier but committed later would otherwise fall behind a cursor already
     * handed out.
     */
    @Test
    void a_notification_that_commits_late_is_not_skipped_by_a_polling_la_system() throws Exception {
        String slow = TestNhsNumbers.next();
        String fast = TestNhsNumbers.next();
        upload(
                hub,
                "birmingham-case-system",
                UploadFile.builder()
                        .row(r -> r.nhsNumber(slow).localId("B-981"))
                        .row(r -> r.nhsNumber(fast).localId("B-982")));
        List<JsonNode> before = wholeFeed(hub, birmingham);
        long cursor = before.isEmpty()
                ? 0
                : before.get(before.size() - 1).get("cursor").asLong();

        // The slow child's lookup keeps its transaction open for a while after writing its notification.
        String function = "slow_notification_" + slow;
        JdbcClient.create(ownerDataSource)
                .sql("create function notifications." + function + "() returns trigger language plpgsql as $$"
                        + " begin if new.nhs_number = '" + slow
                        + "' then perform pg_sleep(3); end if; return new; end $$")
                .update();
        JdbcClient.create(ownerDataSource)
                .sql("create trigger " + function + " after insert on notifications.notification"
                        + " for each row execute function notifications." + function + "()")
                .update();
        List<String> seen = new ArrayList<>();
        try {
            CompletableFuture<HttpResponse<String>> slowLookup =
                    CompletableFuture.supplyAsync(() -> careTeam(hub, ed, slow));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> jdbc.sql("select count(*) from pg_stat_activity where wait_event = 'PgSleep'")
                                    .query(Long.class)
                                    .single()
                            > 0);
            found(careTeam(hub, ed, fast));
            cursor = poll(cursor, seen); // the LA system polls meanwhile
            found(slowLookup.get(30, TimeUnit.SECONDS));
            cursor = poll(cursor, seen);
        } finally {
            JdbcClient.create(ownerDataSource)
                    .sql("drop trigger " + function + " on notifications.notification")
                    .update();
            JdbcClient.create(ownerDataSource)
                    .sql("drop function notifications." + function + "()")
                    .update();
        }
        assertThat(seen).contains(fast, slow);
    }

    /** One poll of the LA system: every page after the cursor; returns the new cursor. */
    private long poll(long after, List<String> seen) {
        while (true) {
            JsonNode page = HubClient.json(hub.get("/api/v1/notifications?after=" + after + "&limit=1000", birmingham));
            List<JsonNode> items = new ArrayList<>(page.get("notifications").values());
            if (items.isEmpty()) {
                return after;
            }
            items.forEach(n -> seen.add(n.get("child").get("nhsNumber").asString()));
            after = page.get("nextCursor").asLong();
        }
    }

    /** A person signed in to the hub's pages with the form login, as a browser would: cookies and CSRF tokens. */
    static final class WebSession {

        private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

        private final HttpClient http;
        private final String base;

        private WebSession(int port) {
            this.http = HttpClient.newBuilder()
                    .cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
            this.base = "http://localhost:" + port;
        }

        static WebSession signIn(int port, String username, String password) throws Exception {
            WebSession session = new WebSession(port);
            String csrf = session.csrf("/login");
            HttpResponse<String> response = session.post(
                    "/login", "username=" + enc(username) + "&password=" + enc(password) + "&_csrf=" + enc(csrf));
            assertThat(response.statusCode()).isEqualTo(302);
            assertThat(response.headers().firstValue("Location").orElse("")).doesNotContain("error");
            return session;
        }

        /** @return the result page */
        String lookup(String nhs) throws Exception {
            String csrf = csrf("/lookup");
            HttpResponse<String> response = post("/lookup", "nhsNumber=" + nhs + "&_csrf=" + enc(csrf));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return response.body();
        }

        private String csrf(String path) throws Exception {
            HttpResponse<String> page = http.send(
                    HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            Matcher m = CSRF.matcher(page.body());
            assertThat(m.find()).as("a CSRF token on " + path).isTrue();
            return m.group(1);
        }

        private HttpResponse<String> post(String path, String form) throws Exception {
            return http.send(
                    HttpRequest.newBuilder(URI.create(base + path))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        private static String enc(String value) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8);
        }
    }
}
