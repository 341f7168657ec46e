package org.cpis.uploads;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.cpis.HubClient;
import org.cpis.TestNhsNumbers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"cpis.uploads.max-rows=3", "cpis.uploads.max-file-size=2KB"})
@ActiveProfiles("test")
class UploadLimitsTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void too_many_rows_or_bytes_is_413_and_loads_nothing() {
        HubClient hub = new HubClient(port);
        String token = hub.accessToken("birmingham-case-system", "demo-secret");
        String first = TestNhsNumbers.next();
        StringBuilder fourRows = new StringBuilder(UploadFixtures.HEADER);
        fourRows.append(UploadFixtures.cpp(first, "2015-03-01", "2025-01-10"));
        for (int i = 0; i < 3; i++) {
            fourRows.append(UploadFixtures.cpp(TestNhsNumbers.next(), "2015-03-01", "2025-01-10"));
        }
        HttpResponse<String> tooManyRows = UploadFixtures.upload(hub, token, 5, fourRows.toString());
        assertThat(tooManyRows.statusCode()).isEqualTo(413);
        assertThat(HubClient.json(tooManyRows).get("detail").asString()).contains("more than 3 lines");

        StringBuilder big = new StringBuilder(UploadFixtures.HEADER);
        big.append(UploadFixtures.cpp(first, "2015-03-01", "2025-01-10"));
        big.append(TestNhsNumbers.next())
                .append(",,")
                .append("x".repeat(3000))
                .append(",A,2015-03-01,CPP,2025-01-10,,,,,\n");
        assertThat(UploadFixtures.upload(hub, token, 5, big.toString()).statusCode())
                .isEqualTo(413);

        assertThat(jdbc.sql("select count(*) from records.record where nhs_number = :n")
                        .param("n", first)
                        .query(Integer.class)
                        .single())
                .isZero();
        // Nothing was acknowledged, so the same sequence can be sent again within the limits.
        HttpResponse<String> ok = UploadFixtures.upload(
                hub, token, 5, UploadFixtures.HEADER + UploadFixtures.cpp(first, "2015-03-01", "2025-01-10"));
        assertThat(HubClient.json(ok).get("status").asString()).isEqualTo("ALL_LOADED");
    }
}
