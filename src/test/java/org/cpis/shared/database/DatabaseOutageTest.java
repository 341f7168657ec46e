package org.cpis.shared.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cpis.CpisIntegrationTest;
import org.cpis.HubClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import testsupport.TestNhsNumbers;
import testsupport.UploadFile;

/**
 * A real outage: the hub's PostgreSQL is stopped (fast shutdown) under it and started again (issue 17, item 2).
 * Clients get 503 with Retry-After within seconds, the request log says 503, readiness is DOWN, and the hub recovers
 * by itself.
 */
@CpisIntegrationTest(properties = "cpis.test.own-hub=database-outage")
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
@DisabledIfEnvironmentVariable(named = "SPRING_DATASOURCE_URL", matches = ".+")
class DatabaseOutageTest {

    private static final Duration PROMPT = Duration.ofSeconds(6);

    @LocalServerPort
    int port;

    @Autowired
    EmbeddedPostgresConfiguration.EmbeddedPostgresServer server;

    Process restarted;

    @AfterEach
    void stopRestartedServer() throws Exception {
        if (restarted != null && restarted.isAlive()) {
            Postmaster.running(server.dataDirectory()).orElseThrow().stopFast(Duration.ofSeconds(30));
        }
    }

    @Test
    void while_postgres_is_down_clients_get_503_with_retry_after_and_the_hub_recovers_by_itself(CapturedOutput output)
            throws Exception {
        HubClient hub = new HubClient(port);
        String la = hub.accessToken("birmingham-case-system", "demo-secret");
        String ed = hub.accessToken("northfield-ed-system", "demo-secret");
        String child = TestNhsNumbers.next();
        assertThat(hub.upload(la, 1, UploadFile.builder().row(r -> r.nhsNumber(child)))
                        .statusCode())
                .isEqualTo(200);
        assertThat(careTeam(hub, ed, child, "before").statusCode()).isEqualTo(200);
        // Tokens not used yet: their revocation check reads the database in the security filters, before any
        // controller (a 500 on FHIR in the Patroni rehearsal with a multi-host URL).
        String unusedEd = hub.accessToken("northfield-ed-system", "demo-secret");
        String unusedLa = hub.accessToken("birmingham-case-system", "demo-secret");
        List<String> serverCommand = stopPostgres();

        HttpResponse<String> fhir = timed(() -> careTeam(hub, ed, child, "outage-fhir-1"));
        assertThat(fhir.statusCode()).isEqualTo(503);
        assertThat(fhir.headers().firstValue("Retry-After")).contains("5");
        assertThat(fhir.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/fhir+json"));
        assertThat(HubClient.json(fhir).get("resourceType").asString()).isEqualTo("OperationOutcome");
        assertThat(HubClient.json(fhir).at("/issue/0/code").asString()).isEqualTo("transient");

        HttpResponse<String> fhirInFilters = timed(() -> careTeam(hub, unusedEd, child, "outage-fhir-2"));
        assertThat(fhirInFilters.statusCode()).isEqualTo(503);
        assertThat(fhirInFilters.headers().firstValue("Retry-After")).contains("5");
        assertThat(HubClient.json(fhirInFilters).at("/issue/0/code").asString()).isEqualTo("transient");
        HttpResponse<String> apiInFilters =
                timed(() -> hub.get("/api/v1/notifications?after=0", unusedLa, "TraceID", "outage-api-2"));
        assertThat(apiInFilters.statusCode()).isEqualTo(503);
        assertThat(apiInFilters.headers().firstValue("Retry-After")).contains("5");
        assertThat(requestLine(output, "outage-fhir-2")).contains("GET /fhir/R4/CareTeam 503");

        HttpResponse<String> api = timed(() -> hub.get("/api/v1/notifications?after=0", la, "TraceID", "outage-api-1"));
        assertThat(api.statusCode()).isEqualTo(503);
        assertThat(api.headers().firstValue("Retry-After")).contains("5");
        assertThat(api.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(HubClient.json(api).get("status").asInt()).isEqualTo(503);

        HttpResponse<String> upload =
                timed(() -> hub.upload(la, 2, UploadFile.builder().row()));
        assertThat(upload.statusCode()).isEqualTo(503);
        assertThat(upload.headers().firstValue("Retry-After")).contains("5");

        HttpResponse<String> token = timed(() -> hub.token("birmingham-case-system", "demo-secret"));
        assertThat(token.statusCode()).isEqualTo(503);

        assertThat(timed(() -> hub.get("/actuator/health/readiness", null)).statusCode())
                .isEqualTo(503);
        assertThat(hub.get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        // The request log says what the client got.
        assertThat(requestLine(output, "outage-fhir-1")).contains("GET /fhir/R4/CareTeam 503");
        assertThat(requestLine(output, "outage-api-1")).contains("GET /api/v1/notifications 503");

        startPostgres(serverCommand);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (hub.get("/actuator/health/readiness", null).statusCode() != 200) {
            assertThat(System.nanoTime()).as("ready again within a minute").isLessThan(deadline);
            Thread.sleep(250);
        }
        assertThat(careTeam(hub, ed, child, "after").statusCode()).isEqualTo(200);
        assertThat(hub.upload(la, 2, UploadFile.builder().row()).statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> careTeam(HubClient hub, String token, String child, String traceId) {
        return hub.get(
                "/fhir/R4/CareTeam?patient:identifier=https://fhir.nhs.uk/Id/nhs-number%7C" + child,
                token,
                "TraceID",
                traceId);
    }

    private static HttpResponse<String> timed(java.util.function.Supplier<HttpResponse<String>> request) {
        long start = System.nanoTime();
        HttpResponse<String> response = request.get();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PROMPT);
        return response;
    }

    private static String requestLine(CapturedOutput output, String traceId) {
        return output.getOut()
                .lines()
                .filter(l -> l.contains("cpis.requests") && l.contains("[trace=" + traceId + "]"))
                .findFirst()
                .orElseThrow();
    }

    /** Stops the server as an operator's restart or a crash would; returns its command line, to start it again. */
    private List<String> stopPostgres() throws Exception {
        Path data = server.dataDirectory();
        String options = Files.readString(data.resolve("postmaster.opts"), StandardCharsets.UTF_8)
                .trim();
        List<String> command = new ArrayList<>();
        // As the embedding library does: PostgreSQL refuses to run as root, and in a user namespace of its own it is
        // not.
        if (isRoot()) {
            command.add("unshare");
            command.add("-U");
        }
        command.add(options.substring(0, options.indexOf(' ')));
        Matcher quoted = Pattern.compile("\"([^\"]*)\"").matcher(options);
        while (quoted.find()) {
            command.add(quoted.group(1));
        }
        Postmaster.running(data).orElseThrow().stopFast(Duration.ofSeconds(30));
        return command;
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private void startPostgres(List<String> command) throws IOException {
        restarted = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(server.dataDirectory()
                        .resolveSibling("restarted-postgres.log")
                        .toFile())
                .start();
    }
}
