package org.cpis.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.cpis.UploadSequences;
import org.cpis.shared.OdsCode;
import org.cpis.uploads.UploadCommand;
import org.cpis.uploads.UploadStatus;
import org.cpis.uploads.UploadSummary;
import org.junit.jupiter.api.Test;
import testsupport.TestNhsNumbers;

/**
 * The hub against a MESH server speaking MESH's API: LA uploads in, acknowledgements out, chunking, and what happens
 * when MESH is down, a call fails halfway, or the hub stops between applying and acknowledging.
 */
class MeshExchangeTest extends MeshHubTest {

    @Test
    void an_upload_from_an_la_mailbox_is_loaded_as_that_las_and_acknowledged_with_cpf02() {
        long sequence = UploadSequences.next();
        String id = mesh.deposit(
                LA_MAILBOX,
                HUB,
                UPLOAD_WORKFLOW,
                "la-1",
                Hl7UploadReaderTest.sample("la-upload-valid.xml", sequence),
                1);

        assertThat(exchange.exchange()).isTrue();

        UploadSummary upload = upload(sequence);
        assertThat(upload.channel()).isEqualTo(UploadCommand.Channel.MESH);
        assertThat(upload.status()).isEqualTo(UploadStatus.ALL_LOADED);
        assertThat(upload.loaded()).isEqualTo(3);
        // The file names E09000001; the mailbox belongs to E09000002, whose records these are.
        assertThat(records(LA, List.of("9990000018", "9990000026", "9990000034")))
                .isEqualTo(3);
        assertThat(records(new OdsCode("E09000001"), List.of("9990000018"))).isZero();
        String ack = acknowledgement(sequence);
        assertThat(ack)
                .contains("<FileResponse xmlns=\"urn:hl7-org:v3\">")
                .contains("code=\"CPF02\"")
                .contains("extension=\"" + sequence + "\"")
                .contains("<transmissionQuantity value=\"3\"/>")
                .doesNotContain("InvalidCP-ISRecord");
        assertThat(mesh.message(id).status).isEqualTo("acknowledged");
        assertThat(jdbc.sql("select state || ':' || outcome || ':' || (body is null) from mesh.inbound_message"
                                + " where message_id = :id")
                        .param("id", id)
                        .query(String.class)
                        .single())
                .isEqualTo("APPLIED:CPF02:true");
    }

    @Test
    void rejected_records_come_back_with_a_cpr_code_and_the_reason() {
        long sequence = UploadSequences.next();
        mesh.deposit(
                LA_MAILBOX,
                HUB,
                UPLOAD_WORKFLOW,
                "la-2",
                Hl7UploadReaderTest.sample("la-upload-partly-invalid.xml", sequence),
                1);

        exchange.exchange();

        assertThat(upload(sequence).status()).isEqualTo(UploadStatus.PARTIALLY_LOADED);
        String ack = acknowledgement(sequence);
        assertThat(ack).contains("code=\"CPF03\"").contains("<transmissionQuantity value=\"3\"/>");
        assertThat(ack.split("<InvalidCP-ISRecord>")).hasSize(3);
        assertThat(ack)
                .containsSubsequence(
                        "code=\"CPR04\"",
                        "code=\"INVALID_NHS_NUMBER\"",
                        "/File/record[2]",
                        "extension=\"9990000043\"",
                        "code=\"CPR07\"",
                        "code=\"END_BEFORE_START\"",
                        "/File/record[3]",
                        "extension=\"CF-2003\"");
    }

    @Test
    void a_file_that_is_not_readable_xml_is_answered_cpf01_and_recorded_under_its_sequence() {
        long sequence = UploadSequences.next();
        mesh.deposit(
                LA_MAILBOX, HUB, UPLOAD_WORKFLOW, "la-3", Hl7UploadReaderTest.sample("truncated.xml", sequence), 1);

        assertThat(exchange.exchange()).isTrue();

        assertThat(upload(sequence).status()).isEqualTo(UploadStatus.MALFORMED);
        assertThat(acknowledgement(sequence))
                .contains("code=\"CPF01\"")
                .contains("<transmissionQuantity value=\"-1\"/>");
    }

    @Test
    void hostile_files_are_answered_cpf01_without_reading_what_they_point_at() {
        for (String file : List.of("hostile-xxe.xml", "hostile-billion-laughs.xml")) {
            String id = mesh.deposit(LA_MAILBOX, HUB, UPLOAD_WORKFLOW, file, Hl7UploadReaderTest.sample(file, 5), 1);
            int before = mesh.inbox(LA_MAILBOX).size();

            assertThat(exchange.exchange()).isTrue();

            assertThat(mesh.message(id).status).isEqualTo("acknowledged");
            MeshTestServer.Message ack = mesh.inbox(LA_MAILBOX).get(before);
            String xml = new String(ack.body(), StandardCharsets.UTF_8);
            assertThat(xml)
                    .contains("code=\"CPF01\"")
                    .contains("extension=\"-1\"")
                    .doesNotContain("root:");
            assertThat(ack.localId).isEqualTo("ack-" + id);
        }
    }

    @Test
    void a_chunked_message_is_put_together_before_it_is_read() {
        long sequence = UploadSequences.next();
        List<String> numbers = new ArrayList<>();
        List<String> records = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            numbers.add(TestNhsNumbers.next());
            records.add(Hl7Files.cpp(numbers.get(i), "C" + i, "20250101"));
        }
        mesh.deposit(LA_MAILBOX, HUB, UPLOAD_WORKFLOW, "la-4", Hl7Files.file(sequence, records), 3);

        exchange.exchange();

        assertThat(upload(sequence).loaded()).isEqualTo(20);
        assertThat(records(LA, numbers)).isEqualTo(20);
        assertThat(mesh.count("GET /messageexchange/" + HUB + "/inbox/")).isGreaterThanOrEqualTo(3);
    }

    @Test
    void a_message_applied_but_not_acknowledged_is_acknowledged_later_and_applied_once() {
        long sequence = UploadSequences.next();
        String nhs = TestNhsNumbers.next();
        String id = mesh.deposit(
                LA_MAILBOX,
                HUB,
                UPLOAD_WORKFLOW,
                "la-5",
                Hl7Files.file(sequence, List.of(Hl7Files.cpp(nhs, "L5", "20250101"))),
                1);
        mesh.failAcknowledgements(2); // both attempts: as if the hub stopped after applying

        assertThat(exchange.exchange()).isFalse();
        assertThat(mesh.message(id).status).isEqualTo("accepted");
        assertThat(uploadsWithSequence(sequence)).isEqualTo(1);

        assertThat(exchange.exchange()).isTrue();

        assertThat(mesh.message(id).status).isEqualTo("acknowledged");
        assertThat(uploadsWithSequence(sequence)).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from mesh.outbound_message where local_id = :l")
                        .param("l", "ack-" + id)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertThat(mesh.count("GET /messageexchange/" + HUB + "/inbox/" + id)).isEqualTo(1);
    }

    @Test
    void while_mesh_is_down_nothing_is_taken_and_the_next_round_takes_it() {
        long sequence = UploadSequences.next();
        String id = mesh.deposit(
                LA_MAILBOX,
                HUB,
                UPLOAD_WORKFLOW,
                "la-6",
                Hl7Files.file(sequence, List.of(Hl7Files.cpp(TestNhsNumbers.next(), "L6", "20250101"))),
                1);
        mesh.unavailableFor(2);

        assertThat(exchange.exchange()).isFalse();
        assertThat(uploadsWithSequence(sequence)).isZero();

        assertThat(exchange.exchange()).isTrue();
        assertThat(uploadsWithSequence(sequence)).isEqualTo(1);
        assertThat(mesh.message(id).status).isEqualTo("acknowledged");
    }

    @Test
    void an_acknowledgement_mesh_will_not_take_is_retried_with_backoff_then_sent_and_tracked_to_delivery() {
        long sequence = UploadSequences.next();
        String id = mesh.deposit(
                LA_MAILBOX,
                HUB,
                UPLOAD_WORKFLOW,
                "la-7",
                Hl7Files.file(sequence, List.of(Hl7Files.cpp(TestNhsNumbers.next(), "L7", "20250101"))),
                1);
        mesh.failSends(2);

        exchange.exchange();

        assertThat(outbound(id)).isEqualTo("PENDING:1:true");
        jdbc.sql("update mesh.outbound_message set next_attempt_at = now() where local_id = :l")
                .param("l", "ack-" + id)
                .update();
        exchange.exchange();
        assertThat(outbound(id)).isEqualTo("SENT:2:false");
        MeshTestServer.Message ack = mesh.inbox(LA_MAILBOX).stream()
                .filter(m -> ("ack-" + id).equals(m.localId))
                .findFirst()
                .orElseThrow();
        assertThat(ack.chunkCount).isGreaterThan(1); // over the 300-byte chunk size of this test
        assertThat(new String(ack.body(), StandardCharsets.UTF_8)).endsWith("</FileResponse>");

        mesh.acknowledgeAs(LA_MAILBOX, ack.id);
        exchange.exchange();
        assertThat(outbound(id)).isEqualTo("DELIVERED:2:false");
    }

    @Test
    void a_message_from_a_mailbox_of_no_la_is_kept_but_not_applied_nor_answered() {
        long sequence = UploadSequences.next();
        String id = mesh.deposit(
                STRANGER,
                HUB,
                UPLOAD_WORKFLOW,
                "x-1",
                Hl7Files.file(sequence, List.of(Hl7Files.cpp(TestNhsNumbers.next(), "X1", "20250101"))),
                1);

        exchange.exchange();

        assertThat(mesh.message(id).status).isEqualTo("acknowledged");
        assertThat(jdbc.sql(
                                "select outcome || ':' || (body is not null) from mesh.inbound_message where message_id = :id")
                        .param("id", id)
                        .query(String.class)
                        .single())
                .isEqualTo("UNKNOWN_SENDER:true");
        assertThat(mesh.inbox(STRANGER)).isEmpty();
        assertThat(uploadsWithSequence(sequence)).isZero();
    }

    @Test
    void a_sequence_lower_than_the_last_is_answered_cpf01_and_changes_nothing() {
        long sequence = UploadSequences.next();
        mesh.deposit(
                LA_MAILBOX,
                HUB,
                UPLOAD_WORKFLOW,
                "la-8",
                Hl7Files.file(sequence, List.of(Hl7Files.cpp(TestNhsNumbers.next(), "L8", "20250101"))),
                1);
        exchange.exchange();
        String late = TestNhsNumbers.next();
        mesh.deposit(
                LA_MAILBOX,
                HUB,
                UPLOAD_WORKFLOW,
                "la-9",
                Hl7Files.file(sequence - 1, List.of(Hl7Files.cpp(late, "L9", "20250101"))),
                1);

        exchange.exchange();

        assertThat(records(LA, List.of(late))).isZero();
        assertThat(acknowledgement(sequence - 1)).contains("code=\"CPF01\"");
    }

    @Test
    void a_non_delivery_report_marks_the_sent_message_failed() {
        long sequence = UploadSequences.next();
        String id = mesh.deposit(
                LA_MAILBOX,
                HUB,
                UPLOAD_WORKFLOW,
                "la-10",
                Hl7Files.file(sequence, List.of(Hl7Files.cpp(TestNhsNumbers.next(), "L10", "20250101"))),
                1);
        exchange.exchange();
        mesh.report(HUB, "ack-" + id, "Message not collected by recipient");

        exchange.exchange();

        assertThat(jdbc.sql("select state || ':' || last_error from mesh.outbound_message where local_id = :l")
                        .param("l", "ack-" + id)
                        .query(String.class)
                        .single())
                .isEqualTo("FAILED:Message not collected by recipient");
    }

    @Test
    void the_same_file_sent_again_gets_the_same_answer_and_changes_nothing() {
        long sequence = UploadSequences.next();
        byte[] file = Hl7Files.file(sequence, List.of(Hl7Files.cpp(TestNhsNumbers.next(), "R1", "20250101")));
        mesh.deposit(LA_MAILBOX, HUB, UPLOAD_WORKFLOW, "r-1", file, 1);
        exchange.exchange();
        mesh.deposit(LA_MAILBOX, HUB, UPLOAD_WORKFLOW, "r-2", file, 1);

        exchange.exchange();

        assertThat(uploadsWithSequence(sequence)).isEqualTo(1);
        List<String> answers = mesh.inbox(LA_MAILBOX).stream()
                .filter(m -> m.fileName.equals("REPC_MT000003GB01_" + sequence + ".xml"))
                .map(m -> new String(m.body(), StandardCharsets.UTF_8).replaceAll("<creationTime[^>]*>", ""))
                .toList();
        assertThat(answers).hasSize(2).allSatisfy(a -> assertThat(a).contains("code=\"CPF02\""));
        assertThat(answers.get(0)).isEqualTo(answers.get(1));
    }

    @Test
    void two_nodes_taking_the_same_message_at_once_apply_it_once() throws Exception {
        long sequence = UploadSequences.next();
        String id = mesh.deposit(
                LA_MAILBOX,
                HUB,
                UPLOAD_WORKFLOW,
                "c-1",
                Hl7Files.file(sequence, List.of(Hl7Files.cpp(TestNhsNumbers.next(), "C1", "20250101"))),
                1);

        java.util.concurrent.ExecutorService nodes = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = nodes.submit(exchange::exchange);
            var second = nodes.submit(exchange::exchange);
            first.get();
            second.get();
        } finally {
            nodes.shutdown();
        }

        assertThat(uploadsWithSequence(sequence)).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from mesh.outbound_message where local_id = :l")
                        .param("l", "ack-" + id)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertThat(mesh.inbox(LA_MAILBOX).stream().filter(m -> ("ack-" + id).equals(m.localId)))
                .hasSize(1);
        assertThat(mesh.message(id).status).isEqualTo("acknowledged");
    }

    private String outbound(String inboundId) {
        return jdbc.sql("select state || ':' || attempts || ':' || (last_error is not null) from mesh.outbound_message"
                        + " where local_id = :l")
                .param("l", "ack-" + inboundId)
                .query(String.class)
                .single();
    }
}
