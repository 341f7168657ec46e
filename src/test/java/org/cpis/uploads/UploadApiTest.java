package org.cpis.uploads;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.cpis.CpisIntegrationTest;
import org.cpis.HubClient;
import org.cpis.UploadSequences;
import org.cpis.shared.EnglandDate;
import org.cpis.shared.PlanType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import testsupport.TestNhsNumbers;
import testsupport.TestRecord;
import testsupport.UploadFile;
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
        long sequence = UploadSequences.next();
        HttpResponse<String> response = hub.upload(
                token,
                sequence,
                UploadFile.builder()
                        .row(r -> r.nhsNumber(a))
                        .row(r -> r.nhsNumber(b).dateOfBirth("2016-04-02").startDate("2025-02-11")));

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
        long sequence = UploadSequences.next();
        JsonNode first =
                HubClient.json(hub.upload(token, sequence, UploadFile.builder().row(r -> r.nhsNumber(nhs))));

        String other = TestNhsNumbers.next();
        HttpResponse<String> replay =
                hub.upload(token, sequence, UploadFile.builder().row(r -> r.nhsNumber(other)));
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(HubClient.json(replay)).isEqualTo(first);
        assertThat(count(other)).isZero();
    }

    @Test
    void a_sequence_lower_than_the_last_is_refused_with_409() {
        long sequence = UploadSequences.next();
        hub.upload(token, sequence, UploadFile.builder());
        HttpResponse<String> lower =
                hub.upload(token, sequence - 1, UploadFile.builder().row());
        assertThat(lower.statusCode()).isEqualTo(409);
        assertThat(lower.body()).contains("lower than the last accepted");
    }

    @Test
    void the_upload_sequence_header_is_required_and_positive() {
        for (String bad : new String[] {null, "", "0", "-4", "1.5", "abc", "99999999999999999999"}) {
            HttpResponse<String> response =
                    hub.upload(token, bad, "text/csv", HttpRequest.BodyPublishers.ofString(UploadFile.HEADER));
            assertThat(response.statusCode()).as("Upload-Sequence %s", bad).isEqualTo(400);
        }
    }

    @Test
    void only_an_la_system_may_upload_and_only_csv() {
        String body = UploadFile.HEADER;
        assertThat(hub.upload(null, "1", "text/csv", HttpRequest.BodyPublishers.ofString(body))
                        .statusCode())
                .isEqualTo(401);
        String health = hub.accessToken("northfield-ed-system", "demo-secret");
        assertThat(hub.upload(health, "1", "text/csv", HttpRequest.BodyPublishers.ofString(body))
                        .statusCode())
                .isEqualTo(403);
        assertThat(hub.upload(
                                token,
                                String.valueOf(UploadSequences.next()),
                                "application/json",
                                HttpRequest.BodyPublishers.ofString("{}"))
                        .statusCode())
                .isEqualTo(415);
    }

    @Test
    void every_line_gets_its_outcome_and_bad_lines_echo_no_personal_data() {
        String ok = TestNhsNumbers.next();
        String dup = TestNhsNumbers.next();
        String turning18Tomorrow = TestNhsNumbers.next();
        String eighteenToday = TestNhsNumbers.next();
        String latin1 = TestNhsNumbers.next();
        String injection = TestNhsNumbers.next();
        String accented = TestNhsNumbers.next();
        UploadFile.Builder file = UploadFile.builder()
                .row(r -> r.nhsNumber(ok)) // 2
                .row(r -> r.nhsNumber(dup)) // 3
                .row(r -> r.nhsNumber(dup).dateOfBirth("2015-03-02")) // 4
                .row(r -> r.nhsNumber(turning18Tomorrow)
                        .dateOfBirth(today.minusYears(18).plusDays(1))) // 5
                .row(r -> r.nhsNumber(eighteenToday).dateOfBirth(today.minusYears(18))) // 6
                .rowEncodedIn(
                        StandardCharsets.ISO_8859_1,
                        r -> r.nhsNumber(latin1).familyName("M\u00fcller").givenNames("Zo\u00eb")) // 7
                .row(r -> r.nhsNumber(injection)
                        .localId("x'); DROP TABLE records.record;--")
                        .familyName("Robert\"); DROP")
                        .givenNames("<script>alert(1)</script>")) // 8
                .row(r -> r.nhsNumber("9990000078").givenNames("Secretname")) // 9
                .row(r -> r.startDate(today.plusDays(1))) // 10
                .row(r -> r.familyName("A".repeat(1_000_000))) // 11
                .row(r -> r.planType("CIN")) // 12
                .row(r -> r.endDate("2024-01-01")) // 13
                .row(r -> r.familyName("Jones")
                        .givenNames("Carol")
                        .dateOfBirth("1995-01-01")
                        .planType(PlanType.UCPP)) // 14
                .line(TestNhsNumbers.next() + ",,Smith,Alice") // 15
                .row(r -> r.nhsNumber(accented)
                        .familyName("\u0141ukasiewicz-N\u00fa\u00f1ez")
                        .givenNames("Zo\u00eb \uD83D\uDE00")); // 16

        HttpResponse<String> response = hub.upload(token, file);
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
            {UploadFile.builder().row(r -> r.nhsNumber(nhs)).toCsv().replace("local_id", "surname"), "UNKNOWN_COLUMN"},
            {
                UploadFile.builder()
                        .columns("nhs_number", "family_name")
                        .row(r -> r.nhsNumber(nhs))
                        .toCsv(),
                "MISSING_COLUMN"
            },
            {UploadFile.HEADER.replace("local_id", "nhs_number"), "DUPLICATE_COLUMN"},
            {
                UploadFile.builder()
                        .row(r -> r.nhsNumber(nhs))
                        .line("\"unclosed,Smith,Alice")
                        .toCsv(),
                "NOT_CSV"
            },
        };
        for (String[] c : cases) {
            JsonNode ack = HubClient.json(hub.upload(token, UploadSequences.next(), c[0]));
            assertThat(ack.get("status").asString()).as(c[1]).isEqualTo("MALFORMED");
            assertThat(ack.get("problem").asString()).isEqualTo(c[1]);
            assertThat(ack.get("loaded").asInt()).isZero();
            assertThat(ack.get("records")).isEmpty();
        }
        assertThat(count(nhs)).isZero();
    }

    @Test
    void a_header_only_file_loads_nothing_and_a_bom_is_ignored() {
        JsonNode ack = HubClient.json(hub.upload(token, UploadSequences.next(), "\uFEFF" + UploadFile.HEADER));
        assertThat(ack.get("status").asString()).isEqualTo("ALL_LOADED");
        assertThat(ack.get("received").asInt()).isZero();
    }

    @Test
    void columns_may_come_in_any_order_and_optional_ones_may_be_left_out() {
        String nhs = TestNhsNumbers.next();
        UploadFile.Builder file = UploadFile.builder()
                .columns("plan_type", "start_date", "date_of_birth", "given_names", "family_name", "nhs_number")
                .lineEnd("\r\n")
                .row(r -> r.nhsNumber(nhs)
                        .planType(PlanType.LAC)
                        .startDate("2024-06-01")
                        .dateOfBirth("2016-05-05")
                        .givenNames("Bob")
                        .familyName("O'Brien, Jr"));
        JsonNode ack = HubClient.json(hub.upload(token, file));
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
        hub.upload(
                token,
                UploadFile.builder().row(r -> r.nhsNumber(nhs).localId("A-1").allocatedWorker("a@b.example")));
        hub.upload(
                token,
                UploadFile.builder()
                        .row(r -> r.nhsNumber(nhs)
                                .localId("A-2")
                                .familyName("Smyth")
                                .endDate(today.minusDays(30))));
        record Row(
                String localId, String familyName, LocalDate endDate, String allocatedWorker, LocalDate visibleUntil) {}
        Row row = jdbc.sql("""
                        select local_id, family_name, end_date, allocated_worker, visible_until
                          from records.record where nhs_number = :n""").param("n", nhs).query(Row.class).single();
        assertThat(row)
                .isEqualTo(new Row(
                        "A-2",
                        "Smyth",
                        today.minusDays(30),
                        null,
                        today.minusDays(30).plusDays(364)));

        hub.upload(
                token,
                UploadFile.builder()
                        .row(r -> r.nhsNumber(nhs)
                                .localId("A-2")
                                .familyName("Smyth")
                                .deleteDate(today)));
        LocalDate visibleUntil = jdbc.sql("select visible_until from records.record where nhs_number = :n")
                .param("n", nhs)
                .query(LocalDate.class)
                .single();
        assertThat(visibleUntil).isBefore(today);
    }

    @Test
    void a_stored_plan_sent_twice_in_one_file_stays_as_it_was_and_an_unchanged_resend_writes_nothing() {
        String nhs = TestNhsNumbers.next();
        hub.upload(token, UploadFile.builder().row(r -> r.nhsNumber(nhs).localId("A-1")));
        JsonNode ack = HubClient.json(hub.upload(
                token,
                UploadFile.builder()
                        .row(r -> r.nhsNumber(nhs).localId("A-2").familyName("Smyth"))
                        .row(r -> r.nhsNumber(nhs).localId("A-3").familyName("Smithe"))));
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
                hub.upload(token, UploadFile.builder().row(r -> r.nhsNumber(nhs).localId("A-1"))));
        assertThat(resend.get("status").asString()).isEqualTo("ALL_LOADED");
        Stored after = jdbc.sql("select local_id, family_name, updated_at from records.record where nhs_number = :n")
                .param("n", nhs)
                .query(Stored.class)
                .single();
        assertThat(after).isEqualTo(before);
    }

    @Test
    void a_newborns_plan_sent_twice_in_one_file_is_left_out_and_ends_no_unborn_plan() {
        String mother = TestNhsNumbers.next();
        String baby = TestNhsNumbers.next();
        hub.upload(
                token,
                UploadFile.builder()
                        .row(r -> r.nhsNumber(mother)
                                .dateOfBirth("1995-01-01")
                                .planType(PlanType.UCPP)
                                .startDate("2026-06-01")
                                .expectedDeliveryDate(today.plusDays(30).toString())));
        String born = today.minusDays(2).toString();
        Consumer<TestRecord> newborn =
                r -> r.nhsNumber(baby).dateOfBirth(born).startDate(born).motherNhsNumber(mother);
        JsonNode ack = HubClient.json(
                hub.upload(token, UploadFile.builder().row(newborn).row(newborn)));

        assertThat(ack.get("rejected").asInt()).isEqualTo(2);
        assertThat(jdbc.sql("""
                        select end_date is null and ended_by_child_nhs_number is null
                          from records.record where nhs_number = :n and plan_type = 'UCPP'""").param("n", mother).query(Boolean.class).single())
                .isTrue();
    }

    @Test
    void a_newborns_row_naming_the_mother_ends_her_unborn_plan_and_links_them() {
        String mother = TestNhsNumbers.next();
        String baby = TestNhsNumbers.next();
        String due = today.plusDays(30).toString();
        Consumer<TestRecord> unbornPlan = r -> r.nhsNumber(mother)
                .localId("M-1")
                .familyName("Jones")
                .givenNames("Carol")
                .dateOfBirth("1995-01-01")
                .planType(PlanType.UCPP)
                .startDate("2026-06-01")
                .expectedDeliveryDate(due);
        hub.upload(token, UploadFile.builder().row(unbornPlan));
        String born = today.minusDays(2).toString();
        JsonNode ack = HubClient.json(hub.upload(
                token,
                UploadFile.builder()
                        .row(r -> r.nhsNumber(baby)
                                .localId("C-1")
                                .familyName("Jones")
                                .givenNames("Baby")
                                .dateOfBirth(born)
                                .startDate(born)
                                .motherNhsNumber(mother))));
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
        hub.upload(token, UploadFile.builder().row(unbornPlan));
        assertThat(jdbc.sql("select end_date from records.record where nhs_number = :n and plan_type = 'UCPP'")
                        .param("n", mother)
                        .query(LocalDate.class)
                        .single())
                .isEqualTo(LocalDate.parse(born));
    }

    @Test
    void an_la_sees_only_its_own_uploads() {
        JsonNode ack = HubClient.json(hub.upload(token, UploadFile.builder()));
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
