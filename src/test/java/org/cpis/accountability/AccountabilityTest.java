package org.cpis.accountability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.cpis.CpisIntegrationTest;
import org.cpis.HubClient;
import org.cpis.audit.Audit;
import org.cpis.audit.AuditReports;
import org.cpis.identity.Actor;
import org.cpis.identity.Role;
import org.cpis.shared.EnglandDate;
import org.cpis.shared.NhsNumber;
import org.cpis.shared.OdsCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import testsupport.TestNhsNumbers;
import testsupport.UploadFile;
import testsupport.oidc.FakeCis2;
import tools.jackson.databind.JsonNode;

/**
 * Issue 12 end to end on a hub of its own that trusts a fake NHS CIS2 (a real JWKS over HTTP, real RS256 tokens): every
 * access names the person, by a user-restricted token or by a system token's end-user headers; an unscheduled lookup
 * naming nobody is refused; the privacy officers' reports match direct counts and stay in their scope.
 */
@CpisIntegrationTest
class AccountabilityTest {

    private static final String BIRMINGHAM = "E08000025";
    private static FakeCis2 cis2;

    @DynamicPropertySource
    static void trustCis2(DynamicPropertyRegistry registry) {
        if (cis2 == null) {
            cis2 = FakeCis2.start();
        }
        registry.add("cpis.identity.user-token-issuers[0].issuer-uri", cis2::issuer);
        registry.add("cpis.identity.user-token-issuers[0].audience", () -> "cpis-health-app");
    }

    @AfterAll
    static void stopCis2() {
        if (cis2 != null) {
            cis2.close();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Audit audit;

    @Autowired
    PrivacyReportService reports;

    HubClient hub;
    String ed;

    @BeforeEach
    void connect() {
        hub = new HubClient(port);
        ed = hub.accessToken("northfield-ed-system", "demo-secret");
    }

    private String child() {
        String nhs = TestNhsNumbers.next();
        HttpResponse<String> response = hub.upload(
                hub.accessToken("birmingham-case-system", "demo-secret"),
                UploadFile.builder().row(r -> r.nhsNumber(nhs).localId("B-12")));
        assertThat(HubClient.json(response).get("status").asString()).isEqualTo("ALL_LOADED");
        return nhs;
    }

    private static String careTeam(String nhs) {
        return "/fhir/R4/CareTeam?patient:identifier=https://fhir.nhs.uk/Id/nhs-number%7C" + nhs;
    }

    private long count(String sql, Object... params) {
        var spec = jdbc.sql(sql);
        for (int i = 0; i < params.length; i++) {
            spec = spec.param(i + 1, params[i]);
        }
        return spec.query(Long.class).single();
    }

    private JsonNode notificationFor(String nhs) {
        String token = hub.accessToken("birmingham-case-system", "demo-secret");
        JsonNode page = HubClient.json(hub.get("/api/v1/notifications?after=0&limit=1000", token));
        return page.get("notifications").values().stream()
                .filter(n -> n.get("child").get("nhsNumber").asString().equals(nhs))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void an_unscheduled_lookup_naming_no_person_is_refused_with_a_403_and_recorded_as_refused() {
        String nhs = child();
        HttpResponse<String> refused = hub.get(careTeam(nhs), ed, "X-No-End-User", "1");

        assertThat(refused.statusCode()).isEqualTo(403);
        JsonNode outcome = HubClient.json(refused);
        assertThat(outcome.get("resourceType").asString()).isEqualTo("OperationOutcome");
        JsonNode issue = outcome.get("issue").get(0);
        assertThat(issue.get("code").asString()).isEqualTo("forbidden");
        assertThat(issue.get("details").get("coding").get(0).get("code").asString())
                .isEqualTo("ACCESS_DENIED");
        assertThat(issue.get("diagnostics").asString())
                .contains("NHSD-Session-UUID")
                .doesNotContain(nhs);
        assertThat(count("select count(*) from lookup.access where nhs_number = ?", nhs))
                .isZero();
        assertThat(count(
                        "select count(*) from audit.event where subject_hash = ? and outcome = 'DENIED'"
                                + " and actor_id = 'northfield-ed-system'",
                        audit.subjectHash(NhsNumber.of(nhs))))
                .isEqualTo(1);
        assertThat(count("select count(*) from notifications.notification where nhs_number = ?", nhs))
                .isZero();

        // A silent (scheduled) read by the system alone is still answered: only unscheduled lookups must name someone.
        assertThat(hub.get(careTeam(nhs), ed, "X-No-End-User", "1", "IsUnscheduledAccessEvent", "false")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void a_system_token_names_its_end_user_in_headers_and_every_trace_shows_that_person() {
        String nhs = child();
        assertThat(hub.get(careTeam(nhs), ed, HubClient.endUser("555000000777", "Dr Jo Bloggs"))
                        .statusCode())
                .isEqualTo(200);
        assertThat(hub.get(careTeam(nhs), ed, HubClient.endUser("555000000888", "Nurse Sam Lee"))
                        .statusCode())
                .isEqualTo(200);

        assertThat(jdbc.sql("select actor_id || '/' || actor_name || '/' || actor_role from lookup.access"
                                + " where nhs_number = :n order by id")
                        .param("n", nhs)
                        .query(String.class)
                        .list())
                .containsExactly(
                        "555000000777/Dr Jo Bloggs/UNSCHEDULED_CLINICIAN",
                        "555000000888/Nurse Sam Lee/UNSCHEDULED_CLINICIAN");
        assertThat(jdbc.sql("select actor_id || ' ' || detail from audit.event where subject_hash = :h"
                                + " and action = 'LOOKUP_FHIR' order by id")
                        .param("h", audit.subjectHash(NhsNumber.of(nhs)))
                        .query(String.class)
                        .list())
                .hasSize(2)
                .allSatisfy(line -> assertThat(line).contains("via=northfield-ed-system"))
                .anySatisfy(line -> assertThat(line).startsWith("555000000777 "));

        // Grouped into one notification, which still lists each person and when they looked.
        JsonNode notification = notificationFor(nhs);
        assertThat(notification.get("accessCount").asInt()).isEqualTo(2);
        List<JsonNode> accesses = notification.get("accesses").values().stream().toList();
        assertThat(accesses).extracting(a -> a.get("name").asString()).containsExactly("Dr Jo Bloggs", "Nurse Sam Lee");
        assertThat(accesses)
                .allSatisfy(a -> assertThat(a.get("accessedAt").asString()).isNotBlank());

        // The access history (AuditEvent) names them too.
        String history =
                hub.get(careTeam(nhs).replace("CareTeam", "AuditEvent"), ed).body();
        assertThat(history).contains("Dr Jo Bloggs").contains("Nurse Sam Lee");
    }

    @Test
    void end_user_headers_the_hub_cannot_accept_are_refused() {
        String nhs = child();
        String[] otherOrganisation = {"NHSD-Session-UUID", "555000000777", "NHSD-End-User-Organisation-ODS", "X2B01"};
        assertThat(hub.get(careTeam(nhs), ed, otherOrganisation).statusCode()).isEqualTo(403);
        assertThat(hub.get(
                                careTeam(nhs),
                                ed,
                                "NHSD-Session-UUID",
                                "555000000777",
                                "NHSD-Requesting-Practitioner",
                                "not base64 json")
                        .statusCode())
                .isEqualTo(403);
        assertThat(hub.get(careTeam(nhs), ed, "NHSD-Session-UUID", "<script>").statusCode())
                .isEqualTo(403);
        assertThat(count("select count(*) from lookup.access where nhs_number = ?", nhs))
                .isZero();
    }

    @Test
    void a_clinicians_own_cis2_token_names_them_in_the_role_profile_the_session_selected() {
        String nhs = child();
        List<Map<String, Object>> roles = List.of(
                FakeCis2.roleProfile("555254240100", "X2B01", "R8000"),
                FakeCis2.roleProfile("555254240101", "X1A01", "R8000"));
        String token = cis2.token("555254242106", "Dr Nia Roberts", roles, claims -> {});

        HttpResponse<String> found = hub.get(careTeam(nhs), token, "NHSD-Session-URID", "555254240101");

        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        assertThat(jdbc.sql("select actor_id || '/' || actor_name || '/' || org_ods || '/' || actor_role"
                                + " from lookup.access where nhs_number = :n")
                        .param("n", nhs)
                        .query(String.class)
                        .single())
                .isEqualTo("555254242106/Dr Nia Roberts/X1A01/UNSCHEDULED_CLINICIAN");
        assertThat(jdbc.sql("select detail from audit.event where subject_hash = :h and action = 'LOOKUP_FHIR'")
                        .param("h", audit.subjectHash(NhsNumber.of(nhs)))
                        .query(String.class)
                        .single())
                .contains("via=northfield-ed-app");
        assertThat(notificationFor(nhs).get("accessedBy").get("name").asString())
                .isEqualTo("Dr Nia Roberts");

        // Several role profiles and none selected; a role id not the person's; a token CIS2 did not sign.
        assertThat(hub.get(careTeam(nhs), token).statusCode()).isEqualTo(401);
        assertThat(hub.get(careTeam(nhs), token, "NHSD-Session-URID", "999999999999")
                        .statusCode())
                .isEqualTo(401);
        assertThat(hub.get(careTeam(nhs), cis2.forged("555254242106", "Dr Nia Roberts", roles))
                        .statusCode())
                .isEqualTo(401);
        String otherAudience = cis2.token("555254242106", "Dr Nia Roberts", roles, c -> c.audience("someone-else"));
        assertThat(hub.get(careTeam(nhs), otherAudience, "NHSD-Session-URID", "555254240101")
                        .statusCode())
                .isEqualTo(401);
        assertThat(count("select count(*) from lookup.access where nhs_number = ?", nhs))
                .isEqualTo(1);
    }

    @Test
    void personal_data_reads_and_issued_tokens_are_audited_with_who_read() {
        String token = hub.accessToken("birmingham-case-system", "demo-secret");
        assertThat(count("select count(*) from audit.event where action = 'TOKEN_ISSUED'"
                        + " and actor_id = 'birmingham-case-system' and actor_org = 'E08000025'"))
                .isPositive();
        long before = count("select count(*) from audit.event where action = 'READ_API'"
                + " and actor_id = 'birmingham-case-system'");
        assertThat(hub.get("/api/v1/notifications?after=0&limit=1", token).statusCode())
                .isEqualTo(200);
        assertThat(hub.get("/api/v1/uploads?limit=1", token).statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("select subject_ref from audit.event where action = 'READ_API'"
                                + " and actor_id = 'birmingham-case-system' order by id desc limit 2")
                        .query(String.class)
                        .list())
                .containsExactlyInAnyOrder("/api/v1/notifications", "/api/v1/uploads");
        assertThat(count("select count(*) from audit.event where action = 'READ_API'"
                        + " and actor_id = 'birmingham-case-system'"))
                .isEqualTo(before + 2);
        // A system calling an API that is not for its role: an access-denied security event.
        assertThat(hub.get("/api/v1/uploads?limit=1", ed).statusCode()).isEqualTo(403);
        assertThat(count("select count(*) from audit.event where action = 'ACCESS_DENIED'"
                        + " and actor_id = 'northfield-ed-system' and subject_ref = 'GET /api/v1/uploads'"))
                .isPositive();
    }

    private static Actor officer(String ods, String name) {
        return new Actor("po-" + ods, "Privacy officer", Role.PRIVACY_OFFICER, OdsCode.of(ods), name);
    }

    private static ReportPeriod today() {
        LocalDate today = EnglandDate.today(java.time.Clock.systemUTC());
        return new ReportPeriod(today.minusDays(1), today.plusDays(1));
    }

    @Test
    void privacy_officers_reports_match_the_database_and_stay_within_their_organisation() {
        String nhs = child();
        hub.get(careTeam(nhs), ed, HubClient.endUser("555000000999", "Dr Ann Other"));
        hub.get(careTeam(nhs), ed, HubClient.endUser("555000000999", "Dr Ann Other"));
        ReportPeriod period = today();
        String hash = audit.subjectHash(NhsNumber.of(nhs));
        long aboutChild = count(
                "select count(*) from audit.event where subject_hash = ? and occurred_at >= ? and occurred_at < ?",
                hash,
                java.sql.Timestamp.from(period.from()),
                java.sql.Timestamp.from(period.until()));
        assertThat(aboutChild).isGreaterThanOrEqualTo(2);

        // The LA holding the child sees every entry about it; another LA's officer is refused, and that is audited.
        Actor birmingham = officer(BIRMINGHAM, "Birmingham City Council");
        assertThat(reports.aboutSubject(birmingham, NhsNumber.of(nhs), period, false, "t-1"))
                .hasSize((int) aboutChild)
                .allSatisfy(e -> assertThat(e.aboutAPerson()).isTrue());
        Actor leeds = officer("E08000035", "Leeds City Council");
        assertThatThrownBy(() -> reports.aboutSubject(leeds, NhsNumber.of(nhs), period, false, "t-2"))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(count("select count(*) from audit.event where actor_id = 'po-E08000035' and outcome = 'DENIED'"))
                .isEqualTo(1);

        // A trust's officer sees its own staff's actions; another trust's sees none of them.
        long byPerson = count(
                "select count(*) from audit.event where actor_id = '555000000999' and actor_org = 'X1A01'"
                        + " and occurred_at >= ? and occurred_at < ?",
                java.sql.Timestamp.from(period.from()),
                java.sql.Timestamp.from(period.until()));
        assertThat(byPerson).isEqualTo(2);
        assertThat(reports.byActor(officer("X1A01", "Northfield ED"), "555000000999", period, false, "t-3"))
                .hasSize((int) byPerson);
        assertThat(reports.byActor(officer("X2B01", "Westgate Surgery"), "555000000999", period, true, "t-4"))
                .isEmpty();
        assertThat(reports.aboutSubject(officer("X2B01", "Westgate"), NhsNumber.of(nhs), period, false, "t-7"))
                .isEmpty();

        // The operator's officer sees all organisations; each line matches a direct count.
        PrivacyReportService.OrganisationReport all =
                reports.byOrganisation(officer("X24", "NHS England"), period, false, "t-5");
        for (PrivacyReportService.OrganisationLine line : all.organisations()) {
            assertThat(line.entries())
                    .as(line.ods())
                    .isEqualTo(count(
                            "select count(*) from audit.event where subject_hash is not null and actor_org = ?"
                                    + " and occurred_at >= ? and occurred_at < ?",
                            line.ods(),
                            java.sql.Timestamp.from(period.from()),
                            java.sql.Timestamp.from(period.until())));
            assertThat(new long[] {line.found(), line.people()})
                    .as(line.ods())
                    .containsExactly(
                            count(
                                    "select count(*) from audit.event where subject_hash is not null and actor_org = ?"
                                            + " and outcome = 'FOUND' and occurred_at >= ? and occurred_at < ?",
                                    line.ods(),
                                    java.sql.Timestamp.from(period.from()),
                                    java.sql.Timestamp.from(period.until())),
                            count(
                                    "select count(distinct actor_id) from audit.event where subject_hash is not null"
                                            + " and actor_org = ? and occurred_at >= ? and occurred_at < ?",
                                    line.ods(),
                                    java.sql.Timestamp.from(period.from()),
                                    java.sql.Timestamp.from(period.until())));
        }
        assertThat(all.organisations())
                .extracting(PrivacyReportService.OrganisationLine::ods)
                .contains("X1A01");
        assertThat(reports.byOrganisation(officer("X2B01", "Westgate Surgery"), period, false, "t-6")
                        .organisations())
                .extracting(PrivacyReportService.OrganisationLine::ods)
                .doesNotContain("X1A01");

        // Viewing and exporting the reports is audited.
        assertThat(count("select count(*) from audit.event where action like 'AUDIT_REPORT_%' and trace_id like 't-%'"))
                .isGreaterThanOrEqualTo(4);
        assertThat(count("select count(*) from audit.event where action = 'AUDIT_EXPORT_PERSON' and trace_id = 't-4'"))
                .isEqualTo(1);
        assertThat(AuditReports.MAX_ROWS).isPositive();
    }
}
