package org.cpis.uploads;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.cpis.CpisIntegrationTest;
import org.cpis.HubClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import testsupport.TestNhsNumbers;
import testsupport.UploadFile;

@CpisIntegrationTest(properties = {"cpis.uploads.max-rows=3", "cpis.uploads.max-file-size=2KB"})
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
        UploadFile.Builder fourRows =
                UploadFile.builder().row(r -> r.nhsNumber(first)).rows(3, r -> {});
        HttpResponse<String> tooManyRows = hub.upload(token, 5, fourRows);
        assertThat(tooManyRows.statusCode()).isEqualTo(413);
        assertThat(HubClient.json(tooManyRows).get("detail").asString()).contains("more than 3 lines");

        UploadFile.Builder big = UploadFile.builder()
                .row(r -> r.nhsNumber(first))
                .row(r -> r.familyName("x".repeat(3000)).givenNames("A"));
        assertThat(hub.upload(token, 5, big).statusCode()).isEqualTo(413);

        assertThat(jdbc.sql("select count(*) from records.record where nhs_number = :n")
                        .param("n", first)
                        .query(Integer.class)
                        .single())
                .isZero();
        // Nothing was acknowledged, so the same sequence can be sent again within the limits.
        HttpResponse<String> ok = hub.upload(token, 5, UploadFile.builder().row(r -> r.nhsNumber(first)));
        assertThat(HubClient.json(ok).get("status").asString()).isEqualTo("ALL_LOADED");
    }
}
