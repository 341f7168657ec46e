package org.cpis.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.StrictErrorHandler;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import org.cpis.CpisIntegrationTest;
import org.cpis.HubClient;
import org.cpis.shared.EnglandDate;
import org.cpis.shared.PlanType;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import testsupport.FhirProfileValidator;
import testsupport.TestNhsNumbers;
import testsupport.TestRecord;
import testsupport.UploadFile;

/** NHS England's CP-IS FHIR R4 API as an outside consumer calls it, over real HTTP. */
@CpisIntegrationTest
class FhirApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    /** The schemas' owner: the hub's own role may not change tables or add triggers (issue 12). */
    @Autowired
    @org.springframework.beans.factory.annotation.Qualifier("ownerDataSource")
    javax.sql.DataSource ownerDataSource;

    // A strict parser: anything that is not valid FHIR R4 JSON fails the test.
    final FhirContext fhir = FhirContext.forR4();

    HubClient hub;
    String ed;

    @BeforeEach
    void connect() {
        fhir.setParserErrorHandler(new StrictErrorHandler());
        hub = new HubClient(port);
        ed = hub.accessToken("northfield-ed-system", "demo-secret");
    }

    private void upload(String client, Consumer<TestRecord> row) {
        String token = hub.accessToken(client, "demo-secret");
        HttpResponse<String> response = hub.upload(token, UploadFile.builder().row(row));
        assertThat(HubClient.json(response).get("status").asString()).isEqualTo("ALL_LOADED");
    }

    /**
     * Sends the query string exactly as NHS consumers do, with a raw "|", naming the default end user (issue 12) unless
     * the headers name one.
     */
    private HttpResponse<String> get(String path, String token, String... given) {
        String[] headers = HubClient.withEndUser(path, given);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return hub.send(request.build());
    }

    private static String byNhs(String resource, String nhs) {
        return "/fhir/R4/" + resource + "?patient:identifier=https://fhir.nhs.uk/Id/nhs-number%7C" + nhs;
    }

    /** Also checked by the HAPI validator against base R4, UK Core and the profiles it claims: zero errors. */
    private Bundle bundle(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/fhir+json"));
        FhirProfileValidator.shared().assertValid(response.body());
        return fhir.newJsonParser().parseResource(Bundle.class, response.body());
    }

    private OperationOutcome outcome(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).isEqualTo(status);
        FhirProfileValidator.shared().assertValid(response.body());
        OperationOutcome outcome = fhir.newJsonParser().parseResource(OperationOutcome.class, response.body());
        assertThat(outcome.getIssueFirstRep().getDetails().getCodingFirstRep().getSystem())
                .isEqualTo("https://fhir.nhs.uk/CodeSystem/England-SpineErrorOrWarningCode");
        assertThat(outcome.getIssueFirstRep().getDetails().getCodingFirstRep().getCode())
                .isEqualTo(code);
        return outcome;
    }

    private List<Boolean> accessKinds(String nhs) {
        return jdbc.sql("select unscheduled from lookup.access where nhs_number = :n order by id")
                .param("n", nhs)
                .query(Boolean.class)
                .list();
    }

    @Test
    void a_careteam_search_returns_one_careteam_per_visible_record_in_the_guides_shape() {
        String child = TestNhsNumbers.next();
        // Ended, and still visible for 364 days after its end: relative to today, so the test never ages out.
        String ended = EnglandDate.today(clock).minusDays(30).toString();
        upload("birmingham-case-system", r -> r.nhsNumber(child).localId("B-9"));
        upload(
                "leeds-case-system",
                r -> r.nhsNumber(child)
                        .localId("L-9")
                        .planType(PlanType.LAC)
                        .startDate("2025-02-01")
                        .endDate(ended));

        HttpResponse<String> response = get(byNhs("CareTeam", child), ed, "TraceID", "fhir-trace-1");
        Bundle bundle = bundle(response);
        assertThat(response.headers().firstValue("TraceID")).contains("fhir-trace-1");
        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
        assertThat(bundle.getTotal()).isEqualTo(2);
        assertThat(bundle.getLink("self").getUrl())
                .endsWith("/fhir/R4/CareTeam?patient:identifier=https://fhir.nhs.uk/Id/nhs-number|" + child);

        CareTeam cpp = (CareTeam) bundle.getEntry().get(0).getResource();
        assertThat(bundle.getEntry().get(0).getSearch().getMode()).isEqualTo(Bundle.SearchEntryMode.MATCH);
        assertThat(bundle.getEntry().get(0).getFullUrl()).endsWith("/fhir/R4/CareTeam/" + cpp.getIdPart());
        assertThat(cpp.getCategoryFirstRep().getCodingFirstRep().getSystem()).isEqualTo("http://snomed.info/sct");
        assertThat(cpp.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("342191000000101");
        assertThat(cpp.getName()).isEqualTo("Birmingham City Council");
        assertThat(cpp.getSubject().getIdentifier().getSystem()).isEqualTo("https://fhir.nhs.uk/Id/nhs-number");
        assertThat(cpp.getSubject().getIdentifier().getValue()).isEqualTo(child);
        assertThat(cpp.getSubject().getDisplay()).as("no names go to health").isNull();
        assertThat(cpp.getPeriod().getStartElement().getValueAsString()).isEqualTo("2025-01-10");
        assertThat(cpp.getPeriod().hasEnd()).isFalse();
        assertThat(cpp.getTelecom())
                .extracting(ContactPoint::getUse, ContactPoint::getValue)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(ContactPoint.ContactPointUse.MOBILE, "0121 496 0100"),
                        org.assertj.core.groups.Tuple.tuple(ContactPoint.ContactPointUse.WORK, "0121 496 0500"));
        assertThat(cpp.getManagingOrganizationFirstRep().getIdentifier().getValue())
                .isEqualTo("E08000025");

        CareTeam lac = (CareTeam) bundle.getEntry().get(1).getResource();
        assertThat(lac.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("764841000000100");
        assertThat(lac.getName()).isEqualTo("Leeds City Council");
        assertThat(lac.getPeriod().getEndElement().getValueAsString()).isEqualTo(ended);

        assertThat(response.body())
                .doesNotContain("Smith")
                .doesNotContain("Alice")
                .doesNotContain("B-9");
        assertThat(accessKinds(child)).containsExactly(true);
        assertThat(jdbc.sql("select trace_id from lookup.access where nhs_number = :n")
                        .param("n", child)
                        .query(String.class)
                        .single())
                .isEqualTo("fhir-trace-1");
    }

    @Test
    void no_visible_record_is_an_empty_searchset_and_not_an_access() {
        String nobody = TestNhsNumbers.next();
        Bundle bundle = bundle(get(byNhs("CareTeam", nobody), ed));
        assertThat(bundle.getTotal()).isZero();
        assertThat(bundle.getEntry()).isEmpty();
        assertThat(accessKinds(nobody)).isEmpty();
    }

    @Test
    void scheduled_care_reads_silently_and_is_left_out_of_the_access_history() {
        String child = TestNhsNumbers.next();
        upload("birmingham-case-system", r -> r.nhsNumber(child));
        bundle(get(byNhs("CareTeam", child), ed, "IsUnscheduledAccessEvent", "false"));
        // A GP practice's system is scheduled care whatever its header says.
        String gp = hub.accessToken("westgate-gp-system", "demo-secret");
        bundle(get(byNhs("CareTeam", child), gp, "IsUnscheduledAccessEvent", "true"));
        bundle(get(byNhs("CareTeam", child), ed, "IsUnscheduledAccessEvent", "TRUE"));
        assertThat(accessKinds(child)).containsExactly(false, false, true);

        Bundle history = bundle(get(byNhs("AuditEvent", child), ed));
        assertThat(history.getTotal()).isEqualTo(1);
    }

    /**
     * A silent read is one statement committed on its own: if its audit entry cannot be written, its access is not
     * recorded either and the client gets an error, not the record.
     */
    @Test
    void a_silent_read_whose_audit_entry_fails_records_nothing_and_answers_nothing() {
        String child = TestNhsNumbers.next();
        upload("birmingham-case-system", r -> r.nhsNumber(child));
        String trace = "audit-refuses-" + java.util.UUID.randomUUID();
        // The audit module's own table refuses this one entry; the lookup's statement must fail as a whole.
        JdbcClient.create(ownerDataSource)
                .sql("alter table audit.event add constraint refuse_one check (trace_id is distinct from '" + trace
                        + "') not valid")
                .update();
        try {
            HttpResponse<String> response =
                    get(byNhs("CareTeam", child), ed, "IsUnscheduledAccessEvent", "false", "TraceID", trace);
            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(response.body()).doesNotContain(child).doesNotContain("Alice");
            OperationOutcome outcome = fhir.newJsonParser().parseResource(OperationOutcome.class, response.body());
            assertThat(outcome.getIssueFirstRep()
                            .getDetails()
                            .getCodingFirstRep()
                            .getCode())
                    .isEqualTo("INTERNAL_SERVER_ERROR");
        } finally {
            JdbcClient.create(ownerDataSource)
                    .sql("alter table audit.event drop constraint refuse_one")
                    .update();
        }
        assertThat(accessKinds(child)).isEmpty();
        assertThat(jdbc.sql("select count(*) from audit.event where trace_id = :t")
                        .param("t", trace)
                        .query(Long.class)
                        .single())
                .isZero();
        // The same read afterwards is recorded as usual.
        bundle(get(byNhs("CareTeam", child), ed, "IsUnscheduledAccessEvent", "false", "TraceID", trace));
        assertThat(accessKinds(child)).containsExactly(false);
    }

    /** Many silent reads at once: each is recorded with its own access and audit entry before it is answered. */
    @Test
    void concurrent_silent_reads_are_each_recorded_with_their_own_audit_entry_before_they_are_answered()
            throws Exception {
        String child = TestNhsNumbers.next();
        upload("birmingham-case-system", r -> r.nhsNumber(child));
        int reads = 40;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(reads);
        try {
            List<java.util.concurrent.Future<Long>> answered = new java.util.ArrayList<>();
            for (int i = 0; i < reads; i++) {
                // Not the NHS number: a trace id that could hold one is replaced (issue 13, item 2).
                String trace = "silent-batch-" + java.util.UUID.randomUUID() + "-" + i;
                answered.add(pool.submit(() -> {
                    assertThat(bundle(get(
                                            byNhs("CareTeam", child),
                                            ed,
                                            "IsUnscheduledAccessEvent",
                                            "false",
                                            "TraceID",
                                            trace))
                                    .getTotal())
                            .isEqualTo(1);
                    // Answered: so its rows are already committed.
                    return jdbc.sql("select id from lookup.access where trace_id = :t and not unscheduled")
                            .param("t", trace)
                            .query(Long.class)
                            .single();
                }));
            }
            java.util.Set<Long> ids = new java.util.HashSet<>();
            for (java.util.concurrent.Future<Long> f : answered) {
                ids.add(f.get());
            }
            assertThat(ids).hasSize(reads);
            for (long id : ids) {
                String trace = jdbc.sql("select trace_id from lookup.access where id = :id")
                        .param("id", id)
                        .query(String.class)
                        .single();
                assertThat(jdbc.sql("""
                                select detail from audit.event
                                 where trace_id = :t and action = 'LOOKUP_FHIR' and outcome = 'FOUND'
                                """).param("t", trace).query(String.class).list())
                        // The end user named in the headers looked via the system (issue 12).
                        .containsExactly("records=1 unscheduled=false access=" + id + " via=northfield-ed-system");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void the_access_history_is_the_25_most_recent_unscheduled_accesses_with_who_looked() {
        String child = TestNhsNumbers.next();
        upload("birmingham-case-system", r -> r.nhsNumber(child));
        for (int i = 0; i < 27; i++) {
            bundle(get(byNhs("CareTeam", child), ed));
        }
        Bundle history = bundle(get(
                byNhs("AuditEvent", child)
                        + "&_include=AuditEvent:entity-type=http://terminology.hl7.org/CodeSystem/v3-RoleClass%7CASSIGNED",
                ed));
        assertThat(history.getTotal()).isEqualTo(25);
        List<AuditEvent> events = history.getEntry().stream()
                .filter(e -> e.getResource() instanceof AuditEvent)
                .map(e -> (AuditEvent) e.getResource())
                .toList();
        assertThat(events).hasSize(25);
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i - 1).getRecorded())
                    .isAfterOrEqualTo(events.get(i).getRecorded());
        }
        AuditEvent newest = events.get(0);
        assertThat(newest.getAgent().get(0).getType().getCodingFirstRep().getCode())
                .isEqualTo("PAT");
        assertThat(newest.getAgent().get(0).getWho().getIdentifier().getValue()).isEqualTo(child);
        Reference accessor = newest.getAgent().get(1).getWho();
        assertThat(newest.getAgent().get(1).getRequestor()).isTrue();
        PractitionerRole role = history.getEntry().stream()
                .filter(e -> e.getResource() instanceof PractitionerRole)
                .filter(e -> accessor.getReference().endsWith(e.getResource().getIdPart()))
                .map(e -> (PractitionerRole) e.getResource())
                .findFirst()
                .orElseThrow();
        assertThat(role.getPractitioner().getDisplay()).isEqualTo(org.cpis.HubClient.END_USER_NAME);
        assertThat(role.getOrganization().getIdentifier().getValue()).isEqualTo("X1A01");
        assertThat(role.getOrganization().getDisplay()).contains("Northfield General Hospital Emergency Department");
        assertThat(role.getSpecialtyFirstRep().getText()).isEqualTo("Emergency department");
    }

    @Test
    void the_flag_search_gives_flag_careplan_and_careteam_over_the_same_data_and_records_an_access() {
        String mother = TestNhsNumbers.next();
        upload(
                "birmingham-case-system",
                r -> r.nhsNumber(mother)
                        .familyName("Jones")
                        .givenNames("Carol")
                        .dateOfBirth("1995-01-01")
                        .planType(PlanType.UCPP)
                        .startDate("2026-06-01")
                        .expectedDeliveryDate(
                                EnglandDate.today(clock).plusMonths(2).toString()));
        Bundle bundle = bundle(get(byNhs("Flag", mother), ed));
        assertThat(bundle.getTotal()).isEqualTo(1);
        Flag flag = (Flag) bundle.getEntry().get(0).getResource();
        assertThat(flag.getStatus()).isEqualTo(Flag.FlagStatus.ACTIVE);
        assertThat(flag.getCode().getCodingFirstRep().getCode()).isEqualTo("child-protection-information-system-flag");
        assertThat(flag.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("818901000000100");
        String planReference = ((Reference)
                        flag.getExtensionByUrl("http://hl7.org/fhir/StructureDefinition/flag-detail")
                                .getValue())
                .getReference();
        CarePlan plan = (CarePlan) bundle.getEntry().get(1).getResource();
        assertThat(planReference).isEqualTo("CarePlan/" + plan.getIdPart());
        assertThat(bundle.getEntry().get(1).getSearch().getMode()).isEqualTo(Bundle.SearchEntryMode.INCLUDE);
        CareTeam team = (CareTeam) bundle.getEntry().get(2).getResource();
        assertThat(plan.getCareTeamFirstRep().getReference()).isEqualTo("CareTeam/" + team.getIdPart());
        assertThat(team.getName()).isEqualTo("Birmingham City Council");
        assertThat(accessKinds(mother)).containsExactly(true);
    }

    @Test
    void bad_parameters_and_headers_get_the_guides_operation_outcomes() {
        String child = TestNhsNumbers.next();
        outcome(get("/fhir/R4/CareTeam", ed), 400, "PRECONDITION_FAILED");
        outcome(get("/fhir/R4/CareTeam?patient:identifier=", ed), 400, "PRECONDITION_FAILED");
        outcome(get("/fhir/R4/CareTeam?patient:identifier=" + child, ed), 400, "PRECONDITION_FAILED");
        outcome(
                get("/fhir/R4/CareTeam?patient:identifier=https://example.org/id%7C" + child, ed),
                400,
                "PRECONDITION_FAILED");
        outcome(get(byNhs("CareTeam", child) + "&patient=" + child, ed), 400, "PRECONDITION_FAILED");
        outcome(get(byNhs("CareTeam", child) + "&patient:identifier=x", ed), 400, "PRECONDITION_FAILED");
        outcome(get(byNhs("CareTeam", child), ed, "IsUnscheduledAccessEvent", "yes"), 400, "PRECONDITION_FAILED");
        outcome(get(byNhs("CareTeam", child), ed, "TraceID", "x".repeat(65)), 400, "PRECONDITION_FAILED");
        outcome(get(byNhs("CareTeam", child), ed, "TraceID", "<script>"), 400, "PRECONDITION_FAILED");
        outcome(get(byNhs("CareTeam", "9990000078"), ed), 400, "INVALID_SEARCH_DATA");
        outcome(get(byNhs("CareTeam", "999%200000077"), ed), 400, "INVALID_SEARCH_DATA");
        OperationOutcome hostile =
                outcome(get(byNhs("CareTeam", "%27%3B%20drop%20table%20x%3B--"), ed), 400, "INVALID_SEARCH_DATA");
        assertThat(hostile.getIssueFirstRep().getDiagnostics()).doesNotContain("drop");
        assertThat(accessKinds(child)).isEmpty();
    }

    @Test
    void only_health_systems_with_a_valid_token_may_search() {
        String child = TestNhsNumbers.next();
        HttpResponse<String> anonymous = get(byNhs("CareTeam", child), null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).isPresent();
        fhir.newJsonParser().parseResource(OperationOutcome.class, anonymous.body());
        assertThat(get(byNhs("CareTeam", child), "not-a-token").statusCode()).isEqualTo(401);

        String la = hub.accessToken("birmingham-case-system", "demo-secret");
        outcome(get(byNhs("CareTeam", child), la), 403, "ACCESS_DENIED");
        outcome(get(byNhs("AuditEvent", child), la), 403, "ACCESS_DENIED");
        // No way to list or read records other than by NHS number (issue 16: answered as a FHIR server does).
        outcome(get("/fhir/R4/CareTeam/669db9a8-cea4-35f3-92f1-1c0c006ef17c", ed), 405, "UNSUPPORTED_SERVICE");
        outcome(get("/fhir/R4/Patient", ed), 404, "RESOURCE_NOT_FOUND");
        outcome(get("/fhir/R4/Patient", la), 403, "ACCESS_DENIED");
    }

    @Test
    void the_capability_statement_is_public() {
        HttpResponse<String> response = get("/fhir/R4/metadata", null);
        assertThat(response.statusCode()).isEqualTo(200);
        FhirProfileValidator.shared().assertValid(response.body());
        CapabilityStatement cs = fhir.newJsonParser().parseResource(CapabilityStatement.class, response.body());
        assertThat(cs.getFhirVersion().toCode()).isEqualTo("4.0.1");
        assertThat(cs.getRestFirstRep().getResource())
                .extracting(CapabilityStatement.CapabilityStatementRestResourceComponent::getType)
                .containsExactly("CareTeam", "AuditEvent", "Flag");
        // The parameter FHIR and NHS England's CapabilityStatement name, with its definition (issue 16).
        for (CapabilityStatement.CapabilityStatementRestResourceComponent resource :
                cs.getRestFirstRep().getResource()) {
            CapabilityStatement.CapabilityStatementRestResourceSearchParamComponent patient =
                    resource.getSearchParamFirstRep();
            assertThat(patient.getName()).isEqualTo("patient");
            assertThat(patient.getDefinition())
                    .isEqualTo(
                            resource.getType().equals("AuditEvent")
                                    ? "http://hl7.org/fhir/SearchParameter/AuditEvent-patient"
                                    : "http://hl7.org/fhir/SearchParameter/clinical-patient");
        }
    }
}
