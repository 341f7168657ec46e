package org.cpis.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.cpis.CpisIntegrationTest;
import org.cpis.HubClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

@CpisIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class RequestLoggingTest {

    @LocalServerPort
    int port;

    @Test
    void every_request_is_logged_with_its_trace_id_and_without_its_query_or_headers(CapturedOutput output) {
        new HubClient(port).get("/api/v1/me?nhs=9990000077", "secret-bearer-value", "TraceID", "log-test-4711");

        String line = output.getOut()
                .lines()
                .filter(l -> l.contains("log-test-4711"))
                .filter(l -> l.contains("cpis.requests"))
                .findFirst()
                .orElseThrow();
        assertThat(line).contains("[trace=log-test-4711]").contains("GET /api/v1/me 401");
        assertThat(output.getAll()).doesNotContain("9990000077").doesNotContain("secret-bearer-value");
    }
}
