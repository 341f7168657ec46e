package org.cpis.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.cpis.CpisIntegrationTest;
import org.cpis.HubClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Issue 13, item 2: nothing a caller sends reaches the log unless validated; every /fhir error an OperationOutcome. */
@CpisIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class RequestHygieneTest {

    static final String NHS = "9990001014";

    @LocalServerPort
    int port;

    HubClient hub;
    String ed;

    @BeforeEach
    void connect() {
        hub = new HubClient(port);
        ed = hub.accessToken("northfield-ed-system", "demo-secret");
    }

    @Test
    void an_undecodable_query_is_a_400_operation_outcome_and_never_logged(CapturedOutput output) {
        int from = output.getAll().length();
        HttpResponse<String> response =
                raw("/fhir/R4/CareTeam?patient:identifier=https://fhir.nhs.uk/Id/nhs-number%7C" + NHS + "%ff", ed);

        assertOutcome(response, 400);
        assertThat(output.getAll()).doesNotContain(NHS).doesNotContain("%ff");
        // No stack trace for it; only what was written since the request, not the shared hub's start-up or jobs.
        assertThat(output.getAll().substring(from)).doesNotContain("Exception");
    }

    @Test
    void an_undecodable_api_query_or_path_is_a_400_problem_and_never_logged(CapturedOutput output) {
        HttpResponse<String> query = raw("/api/v1/uploads?limit=" + NHS + "%c3%28", null);
        assertThat(query.statusCode()).isEqualTo(400);
        assertThat(query.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        HttpResponse<String> path = raw("/fhir/R4/CareTeam/" + NHS + "%ff", ed);
        assertThat(path.statusCode()).isEqualTo(400);
        assertThat(output.getAll()).doesNotContain(NHS);
    }

    @Test
    void a_trace_id_that_could_hold_an_nhs_number_or_a_date_is_replaced_not_logged(CapturedOutput output) {
        List<String> replacements = new ArrayList<>();
        for (String trace : new String[] {NHS, "999-000-1014", "dob.2015.03.04", "x" + NHS}) {
            HttpResponse<String> response = hub.get("/fhir/R4/metadata", null, "TraceID", trace);
            String replacement = response.headers().firstValue("X-Request-ID").orElseThrow();
            assertThat(replacement).isNotEqualTo(trace);
            replacements.add(replacement);
        }
        // Each request is logged under the id the hub made (the line follows the response, so wait for it).
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> replacements.forEach(id -> requestLine(output, id)));
        // Not "1014" alone: random temporary paths and generated ids may hold those digits by chance.
        assertThat(output.getAll())
                .doesNotContain(NHS)
                .doesNotContain("000-1014")
                .doesNotContain("2015.03");
        // Well-formed trace ids are still taken and echoed.
        String uuid = "0c3b7d6a-1234-4567-8901-123456789012";
        assertThat(hub.get("/fhir/R4/metadata", null, "TraceID", uuid).headers().firstValue("TraceID"))
                .contains(uuid);
        assertThat(hub.get("/fhir/R4/metadata", null, "TraceID", "ed-7f3a-42")
                        .headers()
                        .firstValue("TraceID"))
                .contains("ed-7f3a-42");
    }

    @Test
    void a_path_is_logged_as_its_route_never_as_sent(CapturedOutput output) {
        hub.get("/fhir/R4/Patient/" + NHS, ed, "TraceID", "route-log-1");
        hub.get("/api/v1/uploads/" + NHS, null, "TraceID", "route-log-2");
        hub.get("/records/" + NHS + "/x", null, "TraceID", "route-log-3");

        assertThat(output.getAll()).doesNotContain(NHS);
        assertThat(requestLine(output, "route-log-1")).contains("GET /fhir/R4/** 404");
        assertThat(requestLine(output, "route-log-2")).contains("GET /api/v1/uploads/* 401");
        assertThat(requestLine(output, "route-log-3")).contains("GET /records/*/* 302");
    }

    @Test
    void every_fhir_error_is_an_operation_outcome() {
        assertOutcome(hub.get("/fhir/R4/Patient/" + NHS, ed), 404);
        assertOutcome(hub.get("/fhir/R4", ed), 405); // the base: a FHIR server answers an unsupported interaction
        assertOutcome(
                hub.send(HttpRequest.newBuilder(hub.uri("/fhir/R4/CareTeam"))
                        .header("Authorization", "Bearer " + ed)
                        .DELETE()
                        .build()),
                405);
        assertOutcome(hub.get("/fhir/R4/CareTeam;jsessionid=x", ed), 400);
        assertOutcome(hub.get("/fhir/R4/CareTeam", null), 401);
    }

    private static String requestLine(CapturedOutput output, String trace) {
        return output.getOut()
                .lines()
                .filter(l -> l.contains("[trace=" + trace + "]") && l.contains("cpis.requests"))
                .findFirst()
                .orElseThrow();
    }

    private static void assertOutcome(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/fhir+json"));
        assertThat(response.body()).contains("\"resourceType\":\"OperationOutcome\"");
    }

    /** Sends the address exactly as written (java.net.URI would refuse some of these). */
    private HttpResponse<String> raw(String pathAndQuery, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return hub.send(request.GET().build());
    }
}
