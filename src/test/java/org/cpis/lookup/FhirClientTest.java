package org.cpis.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.SearchStyleEnum;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.AdditionalRequestHeadersInterceptor;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.gclient.TokenClientParam;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
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
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import testsupport.FhirProfileValidator;
import testsupport.TestNhsNumbers;
import testsupport.TestRecord;
import testsupport.UploadFile;

/**
 * The hub as NHS England's own consumers call it (issue 16): HAPI FHIR's generic client, which no one on the team
 * wrote, with the search forms of NHS England's guides and CapabilityStatement, the Patient Flags API's path and
 * profiles, and the answers an ordinary FHIR client expects for what the hub does not offer. Every body the hub
 * returns is checked by the HAPI validator against base R4, UK Core and the profiles it claims.
 */
@CpisIntegrationTest
class FhirClientTest {

    static final String NHS = "https://fhir.nhs.uk/Id/nhs-number";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    final FhirContext fhir = FhirContext.forR4();
    final FhirProfileValidator validator = FhirProfileValidator.shared();

    HubClient hub;
    String ed;
    IGenericClient client;

    @BeforeEach
    void connect() {
        hub = new HubClient(port);
        ed = hub.accessToken("northfield-ed-system", "demo-secret");
        client = fhir.newRestfulGenericClient(base());
        client.registerInterceptor(new BearerTokenAuthInterceptor(ed));
        // The health system names its end user, as every unscheduled lookup must (docs/api.md, issue 12).
        AdditionalRequestHeadersInterceptor endUser = new AdditionalRequestHeadersInterceptor();
        String[] headers = HubClient.endUser(HubClient.END_USER_ID, HubClient.END_USER_NAME);
        for (int i = 0; i < headers.length; i += 2) {
            endUser.addHeaderValue(headers[i], headers[i + 1]);
        }
        client.registerInterceptor(endUser);
    }

    private String base() {
        return "http://localhost:" + port + "/fhir/R4";
    }

    private void upload(Consumer<TestRecord> row) {
        String token = hub.accessToken("birmingham-case-system", "demo-secret");
        HttpResponse<String> response = hub.upload(token, UploadFile.builder().row(row));
        assertThat(HubClient.json(response).get("status").asString()).isEqualTo("ALL_LOADED");
    }

    private HttpResponse<String> get(String pathAndQuery, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + pathAndQuery))
                .header("Authorization", "Bearer " + ed)
                .GET();
        String[] all = HubClient.withEndUser("/fhir/R4" + pathAndQuery, headers);
        if (all.length > 0) {
            request.headers(all);
        }
        return hub.send(request.build());
    }

    private HttpResponse<String> send(String method, String pathAndQuery, String body) {
        return hub.send(HttpRequest.newBuilder(URI.create(base() + pathAndQuery))
                .header("Authorization", "Bearer " + ed)
                .header("Content-Type", "application/fhir+json")
                .headers(HubClient.endUser(HubClient.END_USER_ID, HubClient.END_USER_NAME))
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    /** A 200 searchset whose body the validator passes. */
    private Bundle valid(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        validator.assertValid(response.body());
        return fhir.newJsonParser().parseResource(Bundle.class, response.body());
    }

    private OperationOutcome.OperationOutcomeIssueComponent issue(
            HttpResponse<String> response, int status, OperationOutcome.IssueType type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/fhir+json"));
        validator.assertValid(response.body());
        OperationOutcome outcome = fhir.newJsonParser().parseResource(OperationOutcome.class, response.body());
        assertThat(outcome.getIssueFirstRep().getCode()).isEqualTo(type);
        return outcome.getIssueFirstRep();
    }

    private long accesses(String nhs) {
        return jdbc.sql("select count(*) from lookup.access where nhs_number = :n")
                .param("n", nhs)
                .query(Long.class)
                .single();
    }

    @Test
    void every_patient_search_form_of_nhs_englands_guides_finds_the_record_on_every_resource() {
        String child = TestNhsNumbers.next();
        upload(r -> r.nhsNumber(child));
        // The generic client's own forms: patient=<id> (NHS England's CapabilityStatement) and the token form.
        Bundle byId = client.search()
                .forResource(CareTeam.class)
                .where(CareTeam.PATIENT.hasId(child))
                .returnBundle(Bundle.class)
                .execute();
        assertThat(byId.getTotal()).isEqualTo(1);
        Bundle byToken = client.search()
                .forResource(Flag.class)
                .where(new TokenClientParam("patient:identifier").exactly().systemAndCode(NHS, child))
                .returnBundle(Bundle.class)
                .execute();
        assertThat(byToken.getEntry())
                .extracting(e -> e.getResource().fhirType())
                .containsExactly("Flag", "CarePlan", "CareTeam");
        Bundle history = client.search()
                .forResource(AuditEvent.class)
                .where(AuditEvent.PATIENT.hasId(child))
                .returnBundle(Bundle.class)
                .execute();
        assertThat(history.getTotal()).isEqualTo(2);

        for (String type : List.of("CareTeam", "Flag", "PatientFlag")) {
            for (String query : List.of(
                    "patient=" + child,
                    "patient=Patient/" + child,
                    "patient=" + NHS + "%7C" + child,
                    "patient:identifier=" + NHS + "%7C" + child)) {
                Bundle bundle = valid(get("/" + type + "?" + query));
                assertThat(bundle.getTotal()).as(type + "?" + query).isEqualTo(1);
            }
        }
        assertThat(valid(get("/AuditEvent?patient=" + child)).getTotal()).isEqualTo(14);
        assertThat(valid(get("/CareTeam?patient=" + child)).getLink("self").getUrl())
                .isEqualTo(base() + "/CareTeam?patient=" + child);
    }

    @Test
    void the_patient_flags_api_returns_profiled_flags_whose_statuses_agree() {
        String child = TestNhsNumbers.next();
        // Ended, and still visible for 364 days after its end: relative to today, so the test never ages out.
        String ended = EnglandDate.today(clock).minusDays(30).toString();
        upload(r -> r.nhsNumber(child));
        upload(r -> r.nhsNumber(child)
                .planType(PlanType.LAC)
                .startDate("2025-02-01")
                .endDate(ended));

        Bundle bundle = valid(get("/PatientFlag?patient=" + child + "&code=child-protection-information-system-flag"));
        assertThat(bundle.getTotal()).isEqualTo(2);
        assertThat(bundle.getLink("self").getUrl())
                .isEqualTo(base() + "/PatientFlag?patient=" + child + "&code=child-protection-information-system-flag");
        List<Resource> resources = bundle.getEntry().stream()
                .map(Bundle.BundleEntryComponent::getResource)
                .toList();
        assertThat(resources)
                .extracting(Resource::fhirType)
                .containsExactly("Flag", "CarePlan", "CareTeam", "Flag", "CarePlan", "CareTeam");

        Flag open = (Flag) resources.get(0);
        assertThat(open.getMeta().getProfile().get(0).getValue())
                .isEqualTo("https://fhir.nhs.uk/England/StructureDefinition/England-Flag-PatientFlag");
        Provenance provenance = (Provenance) open.getContained().get(0);
        assertThat(provenance.getMeta().getProfile().get(0).getValue())
                .isEqualTo("https://fhir.nhs.uk/England/StructureDefinition/England-Provenance-Flag");
        assertThat(provenance.getAgentFirstRep().getOnBehalfOf().getIdentifier().getValue())
                .isEqualTo("E08000025");
        assertThat(resources.get(1).getMeta().getProfile().get(0).getValue())
                .isEqualTo("https://fhir.nhs.uk/England/StructureDefinition/England-CarePlan-Flag");
        assertThat(resources.get(2).getMeta().getProfile().get(0).getValue())
                .isEqualTo("https://fhir.nhs.uk/England/StructureDefinition/England-CareTeam-Flag");
        assertThat(open.getStatus()).isEqualTo(Flag.FlagStatus.ACTIVE);
        assertThat(((CarePlan) resources.get(1)).getStatus()).isEqualTo(CarePlan.CarePlanStatus.ACTIVE);
        assertThat(((CareTeam) resources.get(2)).getStatus()).isEqualTo(CareTeam.CareTeamStatus.ACTIVE);

        // The ended plan: not active anywhere.
        assertThat(((Flag) resources.get(3)).getStatus()).isEqualTo(Flag.FlagStatus.INACTIVE);
        assertThat(((CarePlan) resources.get(4)).getStatus()).isEqualTo(CarePlan.CarePlanStatus.COMPLETED);
        assertThat(((CareTeam) resources.get(5)).getStatus()).isEqualTo(CareTeam.CareTeamStatus.INACTIVE);
        assertThat(((CareTeam) resources.get(5)).getPeriod().getEndElement().getValueAsString())
                .isEqualTo(ended);
        // The CP-IS CareTeam search agrees.
        Bundle teams = valid(get("/CareTeam?patient=" + child));
        assertThat(teams.getEntry())
                .extracting(e -> ((CareTeam) e.getResource()).getStatus())
                .containsExactly(CareTeam.CareTeamStatus.ACTIVE, CareTeam.CareTeamStatus.INACTIVE);

        // Another kind of flag: nothing, and nothing was read or recorded.
        long before = accesses(child);
        Bundle other = valid(get("/PatientFlag?patient=" + child + "&code=NRAF"));
        assertThat(other.getTotal()).isZero();
        assertThat(accesses(child)).isEqualTo(before);
    }

    @Test
    void what_the_hub_does_not_offer_is_a_fhir_404_or_405_never_a_403_to_a_lookup_token() {
        String child = TestNhsNumbers.next();
        upload(r -> r.nhsNumber(child));
        assertThatThrownBy(() ->
                        client.read().resource(CareTeam.class).withId("any").execute())
                .isInstanceOf(MethodNotAllowedException.class);
        assertThatThrownBy(() -> client.search()
                        .forResource(CareTeam.class)
                        .where(CareTeam.PATIENT.hasId(child))
                        .usingStyle(SearchStyleEnum.POST)
                        .returnBundle(Bundle.class)
                        .execute())
                .isInstanceOf(MethodNotAllowedException.class);
        assertThatThrownBy(() -> client.search()
                        .forResource(Patient.class)
                        .where(Patient.IDENTIFIER.exactly().systemAndCode(NHS, child))
                        .returnBundle(Bundle.class)
                        .execute())
                .isInstanceOf(ResourceNotFoundException.class);

        for (String path : List.of(
                "/CareTeam/x", "/Flag/x/_history", "/CareTeam/x/_history/1", "/AuditEvent/_history", "/metadata/x")) {
            issue(get(path), 405, OperationOutcome.IssueType.NOTSUPPORTED);
        }
        for (String path : List.of("/Patient", "/CarePlan/x", "/Organization?identifier=X1A01", "/$export")) {
            issue(get(path), 404, OperationOutcome.IssueType.NOTFOUND);
        }
        issue(send("POST", "/CareTeam/_search", "patient=" + child), 405, OperationOutcome.IssueType.NOTSUPPORTED);
        issue(
                send("POST", "/CareTeam", "{\"resourceType\":\"CareTeam\"}"),
                405,
                OperationOutcome.IssueType.NOTSUPPORTED);
        issue(send("PUT", "/Flag/x", "{\"resourceType\":\"Flag\"}"), 405, OperationOutcome.IssueType.NOTSUPPORTED);
        issue(send("DELETE", "/CareTeam?patient=" + child, ""), 405, OperationOutcome.IssueType.NOTSUPPORTED);
        issue(
                send("POST", "", "{\"resourceType\":\"Bundle\",\"type\":\"transaction\"}"),
                405,
                OperationOutcome.IssueType.NOTSUPPORTED);
        assertThat(accesses(child)).as("none of these read the record").isZero();
    }

    @Test
    void the_parameters_an_ordinary_client_adds_are_accepted_and_the_correlation_id_is_echoed() {
        String child = TestNhsNumbers.next();
        upload(r -> r.nhsNumber(child));
        upload(r -> r.nhsNumber(child).planType(PlanType.LAC));
        String correlation = "c0ffee00-1111-2222-3333-444455556666";

        HttpResponse<String> response = get(
                "/CareTeam?patient=" + child + "&_count=1&_format=json&_pretty=true&_summary=false&_total=accurate",
                "X-Correlation-ID",
                correlation);
        // _count is a page size the hub does not split a child's answer by: both plans, on one page.
        assertThat(valid(response).getTotal()).isEqualTo(2);
        assertThat(valid(response).getEntry()).hasSize(2);
        assertThat(response.headers().firstValue("X-Correlation-ID")).contains(correlation);
        assertThat(valid(get("/Flag?patient=" + child + "&_include=Flag:detail&_format=application/fhir%2Bjson"))
                        .getTotal())
                .isEqualTo(2);
        assertThat(valid(get("/AuditEvent?patient=" + child + "&_count=50&_sort=-date"))
                        .getTotal())
                .isEqualTo(2);

        // An error carries the correlation id back too, and says what was wrong, not what was sent.
        HttpResponse<String> unknown =
                get("/CareTeam?patient=" + child + "&name=Smith", "X-Correlation-ID", correlation);
        issue(unknown, 400, OperationOutcome.IssueType.INVALID);
        assertThat(unknown.headers().firstValue("X-Correlation-ID")).contains(correlation);
        assertThat(unknown.body()).doesNotContain("Smith").doesNotContain(child);
        issue(get("/CareTeam?patient=" + child + "&_format=xml"), 400, OperationOutcome.IssueType.INVALID);
        issue(
                get("/CareTeam?patient=" + child + "&patient:identifier=" + NHS + "%7C" + child),
                400,
                OperationOutcome.IssueType.INVALID);
        issue(get("/CareTeam?patient=9990000078"), 400, OperationOutcome.IssueType.INVALID);
        issue(get("/CareTeam?patient=https://example.org%7C" + child), 400, OperationOutcome.IssueType.INVALID);
        issue(get("/CareTeam?patient="), 400, OperationOutcome.IssueType.INVALID);
        issue(get("/CareTeam?patient=" + child + "&code=x"), 400, OperationOutcome.IssueType.INVALID);
    }

    @Test
    void the_client_reads_the_capability_statement_and_its_errors_as_fhir() {
        // The generic client checks the server's CapabilityStatement before its first call; a bad one fails here.
        client.capabilities()
                .ofType(org.hl7.fhir.r4.model.CapabilityStatement.class)
                .execute();
        IGenericClient anonymous = fhir.newRestfulGenericClient(base());
        assertThatThrownBy(() -> anonymous
                        .search()
                        .forResource(CareTeam.class)
                        .where(CareTeam.PATIENT.hasId(TestNhsNumbers.next()))
                        .returnBundle(Bundle.class)
                        .execute())
                .isInstanceOfSatisfying(BaseServerResponseException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(401);
                    assertThat(e.getOperationOutcome()).isNotNull();
                });
    }
}
