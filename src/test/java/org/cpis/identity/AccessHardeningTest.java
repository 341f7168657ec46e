package org.cpis.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.cpis.CpisIntegrationTest;
import org.cpis.HubClient;
import org.cpis.PageSession;
import org.cpis.shared.OdsCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 13, items 3 and 4, on a hub with small limits: rate limits answer 429 with Retry-After; repeated wrong
 * passwords or secrets lock the person or client out (audited) until an administrator unlocks it; disabling a person
 * or client, or revoking a token, ends access within seconds.
 */
@CpisIntegrationTest(
        properties = {
            "cpis.security.api.requests=5",
            "cpis.security.pages.requests=6",
            "cpis.security.sign-in.requests=8",
            "cpis.security.lockout.failures=3",
            "cpis.security.status-check=1s"
        })
class AccessHardeningTest {

    static final OdsCode BIRMINGHAM = OdsCode.of("E08000025");
    static final OdsCode NORTHFIELD_ED = OdsCode.of("X1A01");

    @LocalServerPort
    int port;

    @Autowired
    IdentityService identities;

    @Autowired
    JdbcClient jdbc;

    HubClient hub;
    String name;

    @BeforeEach
    void connect() {
        hub = new HubClient(port);
        name = "t" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void an_api_client_past_its_rate_limit_gets_429_with_retry_after() {
        identities.registerClient(name, "Test system", "s3cret-" + name, Role.LA_SYSTEM, BIRMINGHAM);
        String token = hub.accessToken(name, "s3cret-" + name);
        for (int i = 0; i < 5; i++) {
            assertThat(hub.get("/api/v1/me", token).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> throttled = hub.get("/api/v1/me", token);
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After"))
                .hasValueSatisfying(s -> assertThat(Integer.parseInt(s)).isBetween(1, 60));
        assertThat(throttled.body()).contains("\"status\":429");

        String ed = "h" + name;
        identities.registerClient(ed, "Test ED", "s3cret-" + ed, Role.HEALTH_SYSTEM, NORTHFIELD_ED);
        String edToken = hub.accessToken(ed, "s3cret-" + ed);
        for (int i = 0; i < 5; i++) {
            hub.get("/fhir/R4/CareTeam", edToken);
        }
        HttpResponse<String> fhir = hub.get("/fhir/R4/CareTeam", edToken);
        assertThat(fhir.statusCode()).isEqualTo(429);
        assertThat(fhir.headers().firstValue("Retry-After")).isPresent();
        assertThat(fhir.body()).contains("\"resourceType\":\"OperationOutcome\"", "throttled");
    }

    @Test
    void sign_in_attempts_for_one_name_and_a_persons_pages_are_rate_limited() {
        PageSession browser = new PageSession(port);
        for (int i = 0; i < 8; i++) {
            assertThat(browser.signIn("nobody-" + name, "guess" + i).statusCode())
                    .isEqualTo(302);
        }
        HttpResponse<String> throttled = browser.signIn("nobody-" + name, "guess");
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).isPresent();

        identities.registerPerson(name, "Test Person", null, "pw-" + name, Role.SOCIAL_WORKER, BIRMINGHAM);
        PageSession person = new PageSession(port);
        assertThat(person.signIn(name, "pw-" + name).statusCode()).isEqualTo(302);
        int ok = 0;
        while (person.get("/").statusCode() == 200 && ok < 20) {
            ok++;
        }
        assertThat(ok).isEqualTo(6);
        assertThat(person.get("/").headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void repeated_wrong_passwords_lock_a_person_out_until_an_administrator_unlocks() {
        identities.registerPerson(name, "Test Person", null, "pw-" + name, Role.SOCIAL_WORKER, BIRMINGHAM);
        PageSession browser = new PageSession(port);
        for (int i = 0; i < 3; i++) {
            assertLocation(browser.signIn(name, "wrong"), "/login?error");
        }
        assertLocation(browser.signIn(name, "pw-" + name), "/login?error"); // the right password, but locked out
        assertThat(audited("SIGN_IN_LOCKED", "person:" + name)).isEqualTo(1);

        PageSession admin = new PageSession(port);
        assertLocation(admin.signIn("admin", "demo-password"), "/");
        assertThat(admin.get("/admin/lockouts").body()).contains(name);
        assertLocation(
                admin.post("/admin/lockouts", "/admin/lockouts/unlock", "kind=PERSON&id=" + name),
                "/admin/lockouts?unlocked");
        assertThat(audited("SIGN_IN_UNLOCKED", "person:" + name)).isEqualTo(1);

        assertLocation(browser.signIn(name, "pw-" + name), "/");
    }

    @Test
    void repeated_wrong_secrets_lock_a_client_out_until_an_administrator_unlocks() {
        identities.registerClient(name, "Test system", "s3cret-" + name, Role.LA_SYSTEM, BIRMINGHAM);
        for (int i = 0; i < 3; i++) {
            assertThat(hub.token(name, "wrong").statusCode()).isEqualTo(401);
        }
        assertThat(hub.token(name, "s3cret-" + name).statusCode()).isEqualTo(401);
        assertThat(audited("SIGN_IN_LOCKED", "client:" + name)).isEqualTo(1);

        PageSession admin = new PageSession(port);
        admin.signIn("admin", "demo-password");
        admin.post("/admin/lockouts", "/admin/lockouts/unlock", "kind=CLIENT&id=" + name);
        assertThat(audited("SIGN_IN_UNLOCKED", "client:" + name)).isEqualTo(1);
        assertThat(hub.token(name, "s3cret-" + name).statusCode()).isEqualTo(200);
    }

    @Test
    void disabling_an_api_client_ends_its_tokens_within_seconds() {
        identities.registerClient(name, "Test system", "s3cret-" + name, Role.LA_SYSTEM, BIRMINGHAM);
        String token = hub.accessToken(name, "s3cret-" + name);
        assertThat(hub.get("/api/v1/me", token).statusCode()).isEqualTo(200);

        jdbc.sql("update identity.api_client set enabled = false where client_id = :id")
                .param("id", name)
                .update();

        pause(Duration.ofMillis(1500)); // cpis.security.status-check here is 1 s
        assertThat(hub.get("/api/v1/me", token).statusCode()).isEqualTo(401);
    }

    @Test
    void disabling_a_person_ends_their_session_within_seconds() {
        identities.registerPerson(name, "Test Person", null, "pw-" + name, Role.SOCIAL_WORKER, BIRMINGHAM);
        PageSession browser = new PageSession(port);
        browser.signIn(name, "pw-" + name);
        assertThat(browser.get("/").statusCode()).isEqualTo(200);

        jdbc.sql("update identity.person set enabled = false where username = :u")
                .param("u", name)
                .update();

        pause(Duration.ofMillis(1500));
        assertThat(browser.get("/").statusCode()).isEqualTo(302);
        assertLocation(browser.get("/"), "/login"); // the session is gone, not just this request refused
    }

    @Test
    void a_revoked_token_stops_working_and_only_its_own_client_can_revoke_it() {
        identities.registerClient(name, "Test system", "s3cret-" + name, Role.LA_SYSTEM, BIRMINGHAM);
        identities.registerClient("o" + name, "Other system", "s3cret-o" + name, Role.LA_SYSTEM, BIRMINGHAM);
        String token = hub.accessToken(name, "s3cret-" + name);
        JsonNode claims = JsonMapper.builder()
                .build()
                .readTree(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
        assertThat(claims.has("jti")).isTrue();

        // Another client cannot revoke it: Spring Authorization Server answers 400 invalid_client.
        assertThat(revoke("o" + name, "s3cret-o" + name, token).statusCode()).isEqualTo(400);
        assertThat(hub.get("/api/v1/me", token).statusCode()).isEqualTo(200);

        assertThat(revoke(name, "s3cret-" + name, token).statusCode()).isEqualTo(200);
        assertThat(hub.get("/api/v1/me", token).statusCode()).isEqualTo(401);
        // An unknown or garbled token is simply not revoked (RFC 7009 answers 200).
        assertThat(revoke(name, "s3cret-" + name, "not-a-token").statusCode()).isEqualTo(200);
        assertThat(hub.get("/api/v1/me", hub.accessToken(name, "s3cret-" + name))
                        .statusCode())
                .isEqualTo(200);
    }

    private HttpResponse<String> revoke(String clientId, String secret, String token) {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return hub.send(HttpRequest.newBuilder(hub.uri("/oauth2/revoke"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + token + "&token_type_hint=access_token"))
                .build());
    }

    private int audited(String action, String subjectRef) {
        return jdbc.sql("select count(*) from audit.event where action = :a and subject_ref = :s")
                .param("a", action)
                .param("s", subjectRef)
                .query(Integer.class)
                .single();
    }

    private static void assertLocation(HttpResponse<String> response, String path) {
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith(path));
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
