package org.cpis.uploads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cpis.uploads.UploadFixtures.HEADER;
import static org.cpis.uploads.UploadFixtures.cpp;
import static org.cpis.uploads.UploadFixtures.nextSequence;
import static org.cpis.uploads.UploadFixtures.upload;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.cpis.CpisIntegrationTest;
import org.cpis.HubClient;
import org.cpis.TestNhsNumbers;
import org.cpis.shared.EnglandDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@CpisIntegrationTest
class UploadApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    HubClient hub;
    String token;
    LocalDate today;

    @BeforeEach
    void connect() {
        hub = new HubClient(port);
        token = hub.accessToken("birmingham-case-system", "demo-secret");
        today = EnglandDate.today(clock);
    }

    private record Line(String outcome, String reason, String column) {}

    private static List<Line> lines(JsonNode ack) {
        List<Line> lines = new ArrayList<>();
        for (JsonNode r : ack.get("records")) {
            lines.add(new Line(
                    r.get("outcome").asString(),
                    r.has("reason") ? r.get("reason").asString() : null,
                    r.has("column") ? r.get("column").asString() : null));
        }
        return lines;
    }

    private int count(String nhs) {
        return jdbc.sql("select count(*) from records.record where nhs_number = :n")
                .param("n", nhs)
                .query(Integer.class)
                .single();
    }

    @Test
    void a_valid_file_loads_and_is_acknowledged_line_by_line() {
        String a = TestNhsNumbers.next();
        String b = TestNhsNumbers.next();
        long sequence = nextSequence();
        HttpResponse<String> response = upload(
                hub, token, sequence, HEADER + cpp(a, "2015-03-01", "2025-01-10") + cpp(b, "2016-04-02", "2025-02-11"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode ack = HubClient.json(response);
        assertThat(ack.get("sequence").asLong()).isEqualTo(sequence);
        assertThat(ack.get("status").asString()).isEqualTo("ALL_LOADED");
        assertThat(ack.get("received").asInt()).isEqualTo(2);
        assertThat(ack.get("loaded").asInt()).isEqualTo(2);
        assertThat(ack.get("rejected").asInt()).isZero();
        assertThat(ack.get("records").get(0).get("line").asInt()).isEqualTo(2);
        assertThat(ack.get("records").get(1).get("line").asInt()).isEqualTo(3);
        assertThat(count(a)).isEqualTo(1);

        String la = jdbc.sql("select la_ods from records.record where nhs_number = :n")
                .param("n", a)
                .query(String.class)
                .single();
        assertThat(la).as("the LA comes from the credentials").isEqualTo("E08000025");

        // The acknowledgement can be read again later.
        HttpResponse<String> again =
                hub.get("/api/v1/uploads/" + ack.get("uploadId").asString(), token);
        assertThat(HubClient.json(again)).isEqualTo(ack);
    }

    @Test
    void replaying_a_sequence_returns_the_stored_acknowledgement_and_changes_nothing() {
        String nhs = TestNhsNumbers.next();
        long sequence = nextSequence();
        JsonNode first = HubClient.json(upload(hub, token, sequence, HEADER + cpp(nhs, "2015-03-01", "2025-01-10")));

        String other = TestNhsNumbers.next();
        HttpResponse<String> replay = upload(hub, token, sequence, HEADER + cpp(other, "2015-03-01", "2025-01-10"));
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(HubClient.json(replay)).isEqualTo(first);
        assertThat(count(other)).isZero();
    }

    @Test
    void a_sequence_lower_than_the_last_is_refused_with_409() {
        long sequence = nextSequence();
        upload(hub, token, sequence, HEADER);
        HttpResponse<String> lower =
                upload(hub, token, sequence - 1, HEADER + cpp(TestNhsNumbers.next(), "2015-03-01", "2025-01-10"));
        assertThat(lower.statusCode()).isEqualTo(409);
        assertThat(lower.body()).contains("lower than the last accepted");
    }

    @Test
    void the_upload_sequence_header_is_required_and_positive() {
        for (String bad : new String[] {null, "", "0", "-4", "1.5", "abc", "99999999999999999999"}) {
            HttpResponse<String> response =
                    upload(hub, token, bad, "text/csv", HttpRequest.BodyPublishers.ofString(HEADER));
            assertThat(response.statusCode()).as("Upload-Sequence %s", bad).isEqualTo(400);
        }
    }

    @Test
    void only_an_la_system_may_upload_and_only_csv() {
        String body = HEADER;
        assertThat(upload(hub, null, "1", "text/csv", HttpRequest.BodyPublishers.ofString(body))
                        .statusCode())
                .isEqualTo(401);
        String health = hub.accessToken("northfield-ed-system", "demo-secret");
        assertThat(upload(hub, health, "1", "text/csv", HttpRequest.BodyPublishers.ofString(body))
                        .statusCode())
                .isEqualTo(403);
        assertThat(upload(
                                hub,
                                token,
                                String.valueOf(nextSequence()),
                                "application/json",
                                HttpRequest.BodyPublishers.ofString("{}"))
                        .statusCode())
                .isEqualTo(415);
    }

    @Test
    void every_line_gets_its_outcome_and_bad_lines_echo_no_personal_data() throws Exception {
        String ok = TestNhsNumbers.next();
        String dup = TestNhsNumbers.next();
        String turning18Tomorrow = TestNhsNumbers.next();
        String eighteenToday = TestNhsNumbers.next();
        String latin1 = TestNhsNumbers.next();
        String injection = TestNhsNumbers.next();
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(HEADER.getBytes(StandardCharsets.UTF_8));
        file.write(cpp(ok, "2015-03-01", "2025-01-10").getBytes(StandardCharsets.UTF_8)); // 2
        file.write(cpp(dup, "2015-03-01", "2025-01-10").getBytes(StandardCharsets.UTF_8)); // 3
        file.write(cpp(dup, "2015-03-02", "2025-01-10").getBytes(StandardCharsets.UTF_8)); // 4
        file.write(cpp(turning18Tomorrow, today.minusYears(18).plusDays(1).toString(), "2025-01-10")
                .getBytes(StandardCharsets.UTF_8)); // 5
        file.write(cpp(eighteenToday, today.minusYears(18).toString(), "2025-01-10")
                .getBytes(StandardCharsets.UTF_8)); // 6
        file.write((latin1 + ",,M\u00fcller,Zo\u00eb,2015-03-01,CPP,2025-01-10,,,,,\n")
                .getBytes(StandardCharsets.ISO_8859_1)); // 7
        file.write((injection
                        + ",\"x'); DROP TABLE records.record;--\",\"Robert\"\"); DROP\",\"<script>alert(1)</script>\","
                        + "2015-03-01,CPP,2025-01-10,,,,,\n")
                .getBytes(StandardCharsets.UTF_8)); // 8
        file.write(("9990000078,,Smith,Secretname,2015-03-01,CPP,2025-01-10,,,,,\n")
                .getBytes(StandardCharsets.UTF_8)); // 9
        file.write((TestNhsNumbers.next() + ",,Smith,Alice,2015-03-01,CPP," + today.plusDays(1) + ",,,,,\n")
                .getBytes(StandardCharsets.UTF_8)); // 10
        file.write(
                (TestNhsNumbers.next() + ",,\"" + "A".repeat(1_000_000) + "\",Alice,2015-03-01,CPP,2025-01-10,,,,,\n")
                        .getBytes(StandardCharsets.UTF_8)); // 11
        file.write((TestNhsNumbers.next() + ",,Smith,Alice,2015-03-01,CIN,2025-01-10,,,,,\n")
                .getBytes(StandardCharsets.UTF_8)); // 12
        file.write((TestNhsNumbers.next() + ",,Smith,Alice,2015-03-01,CPP,2025-01-10,2024-01-01,,,,\n")
                .getBytes(StandardCharsets.UTF_8)); // 13
        file.write((TestNhsNumbers.next() + ",,Jones,Carol,1995-01-01,UCPP,2025-01-10,,,,,\n")
                .getBytes(StandardCharsets.UTF_8)); // 14
        file.write((TestNhsNumbers.next() + ",,Smith,Alice\n").getBytes(StandardCharsets.UTF_8)); // 15
        String accented = TestNhsNumbers.next();
        file.write(
                (accented + ",,\u0141ukasiewicz-N\u00fa\u00f1ez,Zo\u00eb \uD83D\uDE00,2015-03-01,CPP,2025-01-10,,,,,\n")
                        .getBytes(StandardCharsets.UTF_8)); // 16

        HttpResponse<String> response = upload(
                hub,
                token,
                String.valueOf(nextSequence()),
                "text/csv",
                HttpRequest.BodyPublishers.ofByteArray(file.toByteArray()));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode ack = HubClient.json(response);
        assertThat(ack.get("status").asString()).isEqualTo("PARTIALLY_LOADED");
        assertThat(lines(ack))
                .containsExactly(
                        new Line("LOADED", null, null),
                        new Line("REJECTED", "DUPLICATE_IN_FILE", "nhs_number"),
                        new Line("REJECTED", "DUPLICATE_IN_FILE", "nhs_number"),
                        new Line("LOADED", null, null),
                        new Line("REJECTED", "AGED_18_OR_OVER", "date_of_birth"),
                        new Line("REJECTED", "INVALID_CHARACTERS", "family_name"),
                        new Line("LOADED", null, null),
                        new Line("REJECTED", "INVALID_NHS_NUMBER", "nhs_number"),
                        new Line("REJECTED", "START_IN_FUTURE", "start_date"),
                        new Line("REJECTED", "FIELD_TOO_LONG", "family_name"),
                        new Line("REJECTED", "UNKNOWN_PLAN_TYPE", "plan_type"),
                        new Line("REJECTED", "END_BEFORE_START", "end_date"),
                        new Line("REJECTED", "EXPECTED_DELIVERY_DATE_REQUIRED", "expected_delivery_date"),
                        new Line("REJECTED", "WRONG_NUMBER_OF_FIELDS", null),
                        new Line("LOADED", null, null));
        assertThat(ack.get("received").asInt()).isEqualTo(15);
        assertThat(ack.get("loaded").asInt()).isEqualTo(4);
        assertThat(ack.get("rejected").asInt()).isEqualTo(11);
        assertThat(response.body())
                .doesNotContain("Secretname")
                .doesNotContain("9990000078")
                .doesNotContain(dup);

        assertThat(count(dup)).as("neither duplicate is loaded").isZero();
        assertThat(count(turning18Tomorrow)).isEqualTo(1);
        assertThat(count(eighteenToday)).isZero();
        assertThat(jdbc.sql(
                                "select family_name || '|' || given_names || '|' || local_id from records.record where nhs_number = :n")
                        .param("n", injection)
                        .query(String.class)
                        .single())
                .isEqualTo("Robert\"); DROP|<script>alert(1)</script>|x'); DROP TABLE records.record;--");
        assertThat(jdbc.sql("select family_name || '|' || given_names from records.record where nhs_number = :n")
                        .param("n", accented)
                        .query(String.class)
                        .single())
                .isEqualTo("\u0141ukasiewicz-N\u00fa\u00f1ez|Zo\u00eb \uD83D\uDE00");
    }

    @Test
    void a_file_that_is_not_this_csv_is_malformed_and_loads_nothing() {
        String nhs = TestNhsNumbers.next();
        String[][] cases = {
            {"", "EMPTY_FILE"},
            {HEADER.replace("local_id", "surname") + cpp(nhs, "2015-03-01", "2025-01-10"), "UNKNOWN_COLUMN"},
            {"nhs_number,family_name\n" + nhs + ",Smith\n", "MISSING_COLUMN"},
            {HEADER.replace("local_id", "nhs_number"), "DUPLICATE_COLUMN"},
            {HEADER + cpp(nhs, "2015-03-01", "2025-01-10") + "\"unclosed,Smith,Alice\n", "NOT_CSV"},
        };
        for (String[] c : cases) {
            JsonNode ack = HubClient.json(upload(hub, token, nextSequence(), c[0]));
            assertThat(ack.get("status").asString()).as(c[1]).isEqualTo("MALFORMED");
            assertThat(ack.get("problem").asString()).isEqualTo(c[1]);
            assertThat(ack.get("loaded").asInt()).isZero();
            assertThat(ack.get("records")).isEmpty();
        }
        assertThat(count(nhs)).isZero();
    }

    @Test
    void a_header_only_file_loads_nothing_and_a_bom_is_ignored() {
        JsonNode ack = HubClient.json(upload(hub, token, nextSequence(), "\uFEFF" + HEADER));
        assertThat(ack.get("status").asString()).isEqualTo("ALL_LOADED");
        assertThat(ack.get("received").asInt()).isZero();
    }

    @Test
    void columns_may_come_in_any_order_and_optional_ones_may_be_left_out() {
        String nhs = TestNhsNumbers.next();
        String body = "plan_type,start_date,date_of_birth,given_names,family_name,nhs_number\r\n"
                + "LAC,2024-06-01,2016-05-05,Bob,\"O'Brien, Jr\"," + nhs + "\r\n";
        JsonNode ack = HubClient.json(upload(hub, token, nextSequence(), body));
        assertThat(ack.get("status").asString()).isEqualTo("ALL_LOADED");
        assertThat(jdbc.sql("select family_name from records.record where nhs_number = :n and plan_type = 'LAC'")
                        .param("n", nhs)
                        .query(String.class)
                        .single())
                .isEqualTo("O'Brien, Jr");
    }

    @Test
    void a_row_upserts_by_la_nhs_number_and_plan_type_and_a_delete_date_withdraws() {
        String nhs = TestNhsNumbers.next();
        upload(
                hub,
                token,
                nextSequence(),
                HEADER + nhs + ",A-1,Smith,Alice,2015-03-01,CPP,2025-01-10,,,,,a@b.example\n");
        upload(
                hub,
                token,
                nextSequence(),
                HEADER + nhs + ",A-2,Smyth,Alice,2015-03-01,CPP,2025-01-10,2026-01-01,,,,\n");
        record Row(
                String localId, String familyName, LocalDate endDate, String allocatedWorker, LocalDate visibleUntil) {}
        Row row = jdbc.sql("""
                        select local_id, family_name, end_date, allocated_worker, visible_until
                          from records.record where nhs_number = :n""").param("n", nhs).query(Row.class).single();
        assertThat(row).isEqualTo(new Row("A-2", "Smyth", LocalDate.of(2026, 1, 1), null, LocalDate.of(2026, 12, 31)));

        upload(
                hub,
                token,
                nextSequence(),
                HEADER + nhs + ",A-2,Smyth,Alice,2015-03-01,CPP,2025-01-10,," + today + ",,,\n");
        LocalDate visibleUntil = jdbc.sql("select visible_until from records.record where nhs_number = :n")
                .param("n", nhs)
                .query(LocalDate.class)
                .single();
        assertThat(visibleUntil).isBefore(today);
    }

    @Test
    void a_stored_plan_sent_twice_in_one_file_stays_as_it_was_and_an_unchanged_resend_writes_nothing() {
        String nhs = TestNhsNumbers.next();
        upload(hub, token, nextSequence(), HEADER + nhs + ",A-1,Smith,Alice,2015-03-01,CPP,2025-01-10,,,,,\n");
        JsonNode ack = HubClient.json(upload(
                hub,
                token,
                nextSequence(),
                HEADER + nhs + ",A-2,Smyth,Alice,2015-03-01,CPP,2025-01-10,,,,,\n" + nhs
                        + ",A-3,Smithe,Alice,2015-03-01,CPP,2025-01-10,,,,,\n"));
        assertThat(lines(ack))
                .containsExactly(
                        new Line("REJECTED", "DUPLICATE_IN_FILE", "nhs_number"),
                        new Line("REJECTED", "DUPLICATE_IN_FILE", "nhs_number"));
        record Stored(String localId, String familyName, java.time.Instant updatedAt) {}
        Stored before = jdbc.sql("select local_id, family_name, updated_at from records.record where nhs_number = :n")
                .param("n", nhs)
                .query(Stored.class)
                .single();
        assertThat(before.localId()).isEqualTo("A-1");
        assertThat(before.familyName()).isEqualTo("Smith");

        JsonNode resend = HubClient.json(
                upload(hub, token, nextSequence(), HEADER + nhs + ",A-1,Smith,Alice,2015-03-01,CPP,2025-01-10,,,,,\n"));
        assertThat(resend.get("status").asString()).isEqualTo("ALL_LOADED");
        Stored after = jdbc.sql("select local_id, family_name, updated_at from records.record where nhs_number = :n")
                .param("n", nhs)
                .query(Stored.class)
                .single();
        assertThat(after).isEqualTo(before);
    }

    @Test
    void a_newborns_row_naming_the_mother_ends_her_unborn_plan_and_links_them() {
        String mother = TestNhsNumbers.next();
        String baby = TestNhsNumbers.next();
        String due = today.plusDays(30).toString();
        upload(
                hub,
                token,
                nextSequence(),
                HEADER + mother + ",M-1,Jones,Carol,1995-01-01,UCPP,2026-06-01,,," + due + ",,\n");
        String born = today.minusDays(2).toString();
        JsonNode ack = HubClient.json(upload(
                hub,
                token,
                nextSequence(),
                HEADER + baby + ",C-1,Jones,Baby," + born + ",CPP," + born + ",,,," + mother + ",\n"));
        assertThat(ack.get("status").asString()).isEqualTo("ALL_LOADED");

        record Ucpp(LocalDate endDate, LocalDate visibleUntil, String endedByChildNhsNumber) {}
        assertThat(jdbc.sql("""
                        select end_date, visible_until, ended_by_child_nhs_number
                          from records.record where nhs_number = :n and plan_type = 'UCPP'""").param("n", mother).query(Ucpp.class).single())
                .isEqualTo(new Ucpp(LocalDate.parse(born), LocalDate.parse(born), baby));
        assertThat(jdbc.sql("select mother_nhs_number from records.record where nhs_number = :n")
                        .param("n", baby)
                        .query(String.class)
                        .single())
                .isEqualTo(mother);

        // The case system still sends the mother's plan as open the next day: it stays ended.
        upload(
                hub,
                token,
                nextSequence(),
                HEADER + mother + ",M-1,Jones,Carol,1995-01-01,UCPP,2026-06-01,,," + due + ",,\n");
        assertThat(jdbc.sql("select end_date from records.record where nhs_number = :n and plan_type = 'UCPP'")
                        .param("n", mother)
                        .query(LocalDate.class)
                        .single())
                .isEqualTo(LocalDate.parse(born));
    }

    @Test
    void an_la_sees_only_its_own_uploads() {
        JsonNode ack = HubClient.json(upload(hub, token, nextSequence(), HEADER));
        String leeds = hub.accessToken("leeds-case-system", "demo-secret");
        assertThat(hub.get("/api/v1/uploads/" + ack.get("uploadId").asString(), leeds)
                        .statusCode())
                .isEqualTo(404);
        assertThat(hub.get("/api/v1/uploads", leeds).body())
                .doesNotContain(ack.get("uploadId").asString());
        assertThat(hub.get("/api/v1/uploads", token).body())
                .contains(ack.get("uploadId").asString());
    }
}
