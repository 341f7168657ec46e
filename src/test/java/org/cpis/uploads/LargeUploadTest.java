package org.cpis.uploads;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.cpis.CpisIntegrationTest;
import org.cpis.HubClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import testsupport.TestNhsNumbers;
import testsupport.UploadFile;
import tools.jackson.databind.JsonNode;

/** A file of several sorted chunks (SortedCopy sends 16,384 new rows at a time), with a duplicate across chunks. */
@CpisIntegrationTest
class LargeUploadTest {

    private static final int ROWS = 40_000;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private HubClient hub;
    private String token;

    @BeforeEach
    void connect() {
        hub = new HubClient(port);
        token = hub.accessToken("birmingham-case-system", "demo-secret");
    }

    /** ROWS valid CPP lines for new children, whose NHS numbers are added to the list. */
    private static UploadFile.Builder validFile(List<String> numbers) {
        return UploadFile.builder().rows(ROWS, r -> {
            numbers.add(r.nhsNumber());
            r.localId("L-" + r.nhsNumber());
        });
    }

    @Test
    void every_row_of_a_file_of_several_chunks_is_stored_as_sent() {
        List<String> numbers = new ArrayList<>();
        UploadFile.Builder file = validFile(numbers);
        // The first child again on the last line: line 2 and line ROWS + 2 are both rejected, in different chunks.
        file.row(r -> r.nhsNumber(numbers.get(0)).dateOfBirth("2015-03-02"));

        HttpResponse<String> response = hub.upload(token, file);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode ack = HubClient.json(response);
        assertThat(ack.get("status").asString()).isEqualTo("PARTIALLY_LOADED");
        assertThat(ack.get("loaded").asInt()).isEqualTo(ROWS - 1);
        assertThat(ack.get("rejected").asInt()).isEqualTo(2);
        assertThat(ack.get("records").get(0).get("reason").asString()).isEqualTo("DUPLICATE_IN_FILE");
        assertThat(ack.get("records").get(ROWS).get("reason").asString()).isEqualTo("DUPLICATE_IN_FILE");

        String[] loaded = numbers.subList(1, ROWS).toArray(String[]::new);
        // Each stored row is the one its line sent: the local id was made from the NHS number on that line.
        assertThat(jdbc.sql("""
                        select count(*) from records.record
                         where nhs_number = any(:numbers) and local_id = 'L-' || nhs_number
                           and la_ods = 'E08000025' and plan_type = 'CPP' and date_of_birth = date '2015-03-01'
                        """).param("numbers", loaded).query(Integer.class).single())
                .isEqualTo(ROWS - 1);
        assertThat(jdbc.sql("select count(*) from records.record where nhs_number = :n")
                        .param("n", numbers.get(0))
                        .query(Integer.class)
                        .single())
                .isZero();

        // The same file again writes nothing: every stored row is unchanged.
        String before = jdbc.sql("select max(updated_at)::text from records.record where nhs_number = any(:numbers)")
                .param("numbers", loaded)
                .query(String.class)
                .single();
        HttpResponse<String> again = hub.upload(token, file);
        assertThat(HubClient.json(again).get("loaded").asInt()).isEqualTo(ROWS - 1);
        assertThat(jdbc.sql("select max(updated_at)::text from records.record where nhs_number = any(:numbers)")
                        .param("numbers", loaded)
                        .query(String.class)
                        .single())
                .isEqualTo(before);
    }

    @Test
    void a_file_found_unreadable_after_several_chunks_were_sent_loads_none_of_them() {
        List<String> numbers = new ArrayList<>();
        UploadFile.Builder file = validFile(numbers);
        file.line(TestNhsNumbers.next() + ",\"never closed,Smith,Alice,2015-03-01,CPP,2025-01-10,,,,,");

        HttpResponse<String> response = hub.upload(token, file);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode ack = HubClient.json(response);
        assertThat(ack.get("status").asString()).isEqualTo("MALFORMED");
        assertThat(ack.get("problem").asString()).isEqualTo("NOT_CSV");
        assertThat(jdbc.sql("select count(*) from records.record where nhs_number = any(:numbers)")
                        .param("numbers", numbers.toArray(String[]::new))
                        .query(Integer.class)
                        .single())
                .isZero();

        // The connection the abandoned COPY used is fine for the next upload.
        HttpResponse<String> next = hub.upload(token, UploadFile.builder().row(r -> r.nhsNumber(numbers.get(0))));
        assertThat(HubClient.json(next).get("status").asString()).isEqualTo("ALL_LOADED");
    }
}
