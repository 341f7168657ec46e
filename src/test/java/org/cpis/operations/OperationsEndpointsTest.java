package org.cpis.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Pattern;
import org.cpis.CpisIntegrationTest;
import org.cpis.HubClient;
import org.cpis.audit.AuditIntegrity;
import org.cpis.audit.AuditVerification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import testsupport.TestNhsNumbers;
import testsupport.UploadFile;

/** /actuator/prometheus for the operator's credential only, with the hub's own figures; the OpenAPI document. */
@CpisIntegrationTest
class OperationsEndpointsTest {

    @LocalServerPort
    int port;

    @Autowired
    AuditIntegrity integrity;

    HubClient hub;

    @BeforeEach
    void client() {
        hub = new HubClient(port);
    }

    private HttpResponse<String> scrape(String user, String password) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(hub.uri("/actuator/prometheus")).GET();
        if (user != null) {
            request.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return hub.send(request.build());
    }

    @Test
    void only_the_metrics_credential_or_an_administrator_may_scrape() {
        assertThat(scrape(null, null).statusCode()).isEqualTo(401);
        assertThat(scrape("metrics", "wrong").statusCode()).isEqualTo(401);
        assertThat(scrape("admin", "demo-password").statusCode()).isEqualTo(401);
        assertThat(scrape("metrics", "test-metrics-password").statusCode()).isEqualTo(200);
        // The credential opens nothing else.
        HttpResponse<String> other = hub.send(HttpRequest.newBuilder(hub.uri("/api/v1/uploads"))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString(
                                                "metrics:test-metrics-password".getBytes(StandardCharsets.UTF_8)))
                .GET()
                .build());
        assertThat(other.statusCode()).isEqualTo(401);
    }

    @Test
    void lookups_uploads_deliveries_lag_database_and_audit_verification_are_scraped() throws Exception {
        String laToken = hub.accessToken("birmingham-case-system", "demo-secret");
        String nhs = TestNhsNumbers.next();
        hub.upload(laToken, UploadFile.builder().row(r -> r.nhsNumber(nhs)));
        String edToken = hub.accessToken("northfield-ed-system", "demo-secret");
        hub.get("/fhir/R4/CareTeam?patient:identifier=https://fhir.nhs.uk/Id/nhs-number%7C" + nhs, edToken);
        hub.get(
                "/fhir/R4/CareTeam?patient:identifier=https://fhir.nhs.uk/Id/nhs-number%7C" + TestNhsNumbers.next(),
                edToken);
        // A real verification of the chain (as the nightly job, the integrity page and the command run it).
        AuditVerification verified = integrity.verifyNow();
        assertThat(verified.intact()).isTrue();
        // The figures are read in the background every 500 ms here: wait for a scrape that has these.
        String metrics = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> scrape("metrics", "test-metrics-password").body(),
                        m -> m.contains("cpis_audit_verification_ok 1.0")
                                && m.contains("cpis_notification_deliveries{channel=\"EMAIL\",status=\"PENDING\"}")
                                && Pattern.compile("cpis_uploads\\{status=\"ALL_LOADED\"} [1-9]")
                                        .matcher(m)
                                        .find());
        assertThat(metrics)
                .containsPattern(
                        "cpis_lookups_total\\{access=\"unscheduled\",channel=\"FHIR\",outcome=\"found\"} [1-9]")
                .containsPattern(
                        "cpis_lookups_total\\{access=\"unscheduled\",channel=\"FHIR\",outcome=\"not_found\"} [1-9]")
                .containsPattern("cpis_uploads\\{status=\"ALL_LOADED\"} [1-9]")
                .contains("cpis_notification_deliveries{channel=\"EMAIL\",status=\"PENDING\"}")
                .contains("cpis_notification_delivery_lag_seconds ")
                .contains("cpis_database_up 1.0")
                .contains("cpis_audit_verification_ok 1.0")
                .contains("cpis_records_purge_seconds_count");
        java.util.regex.Matcher last = java.util.regex.Pattern.compile(
                        "(?m)^cpis_audit_verification_last_seconds (\\S+)$")
                .matcher(metrics);
        assertThat(last.find()).isTrue();
        assertThat(Double.parseDouble(last.group(1)))
                .isEqualTo((double) verified.verifiedAt().getEpochSecond());
    }

    @Test
    void the_openapi_document_describes_the_non_fhir_api_and_has_a_page() {
        HttpResponse<String> docs =
                hub.send(HttpRequest.newBuilder(hub.uri("/v3/api-docs")).GET().build());
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("\"openapi\":\"3.", "/api/v1/uploads").doesNotContain("/fhir/R4");
        HttpResponse<String> page = hub.send(
                HttpRequest.newBuilder(hub.uri("/swagger-ui/index.html")).GET().build());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui");
    }
}
