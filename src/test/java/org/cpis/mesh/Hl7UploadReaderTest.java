package org.cpis.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.cpis.mesh.Hl7UploadFile.Hl7Record;
import org.junit.jupiter.api.Test;

/** The HL7 v3 upload as read: values, plan types by template, and every way a file is unreadable (CPF01). */
class Hl7UploadReaderTest {

    static byte[] sample(String name, long sequence) {
        try (InputStream in = Hl7UploadReaderTest.class.getResourceAsStream("/mesh/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("SEQUENCE", Long.toString(sequence))
                    .getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void reads_the_records_of_a_valid_file() {
        Hl7UploadFile file = Hl7UploadReader.read(sample("la-upload-valid.xml", 42), 100);

        assertThat(file.problem()).isNull();
        assertThat(file.sequence()).isEqualTo(42L);
        List<Hl7Record> records = file.records();
        assertThat(records).hasSize(3);
        Hl7Record cpp = records.get(0);
        assertThat(cpp.nhsNumber()).isEqualTo("9990000018");
        assertThat(cpp.localId()).isEqualTo("CF-1001");
        assertThat(cpp.given()).isEqualTo("Alex Jo");
        assertThat(cpp.family()).isEqualTo("Testchild");
        assertThat(Hl7UploadCsv.planType(cpp)).isEqualTo("CPP");
        assertThat(Hl7UploadCsv.date(cpp.birthTime())).isEqualTo("2016-03-04");
        assertThat(Hl7UploadCsv.date(cpp.end())).isEqualTo("2029-01-01");
        assertThat(Hl7UploadCsv.planType(records.get(1))).isEqualTo("LAC");
        Hl7Record ucp = records.get(2);
        assertThat(Hl7UploadCsv.planType(ucp)).isEqualTo("UCPP");
        assertThat(ucp.nhsNumber()).isEqualTo("9990000034"); // the mother's, as in the CSV upload
        assertThat(ucp.localId()).isEqualTo("CF-1003");
        assertThat(Hl7UploadCsv.date(ucp.expectedDelivery())).isEqualTo("2027-01-15");
    }

    @Test
    void the_csv_has_one_line_per_record_in_order() {
        Hl7UploadFile file = Hl7UploadReader.read(sample("la-upload-valid.xml", 1), 100);
        String[] lines = new String(Hl7UploadCsv.csv(file.records()), StandardCharsets.UTF_8).split("\r\n");

        assertThat(lines).hasSize(4);
        assertThat(lines[0]).startsWith("nhs_number,local_id,family_name,given_names,date_of_birth,plan_type");
        assertThat(lines[1]).isEqualTo("9990000018,CF-1001,Testchild,Alex Jo,2016-03-04,CPP,2024-01-01,2029-01-01,,");
        assertThat(lines[3]).isEqualTo("9990000034,CF-1003,Testmother,Morgan,1995-01-01,UCPP,2026-06-01,,,2027-01-15");
    }

    @Test
    void hl7_dates_become_iso_dates_and_anything_else_is_left_to_be_rejected() {
        assertThat(Hl7UploadCsv.date("20240229")).isEqualTo("2024-02-29");
        assertThat(Hl7UploadCsv.date("20240229123000+0100")).isEqualTo("2024-02-29");
        assertThat(Hl7UploadCsv.date("2024-02-29")).isEqualTo("not-a-date");
        assertThat(Hl7UploadCsv.date("2024022")).isEqualTo("not-a-date");
        assertThat(Hl7UploadCsv.date(null)).isEmpty();
    }

    @Test
    void a_line_break_in_a_value_cannot_split_the_line() {
        Hl7Record r = new Hl7Record(
                Hl7UploadReader.CHILD,
                "9990000018",
                null,
                "Test\nchild",
                "A",
                "20160101",
                Hl7UploadReader.CPP,
                "20240101",
                null,
                null,
                null,
                0);
        String csv = new String(Hl7UploadCsv.csv(List.of(r)), StandardCharsets.UTF_8);

        assertThat(csv.split("\r\n")).hasSize(2);
        assertThat(csv).contains("Test\uFFFDchild");
    }

    @Test
    void a_record_whose_template_does_not_fit_its_subject_gets_no_plan_type() {
        String xml = new String(sample("la-upload-valid.xml", 1), StandardCharsets.UTF_8)
                .replace("COCT_TP146101GB01.CPPInformation", "COCT_TP146102GB01.UCPInformation");
        Hl7UploadFile file = Hl7UploadReader.read(xml.getBytes(StandardCharsets.UTF_8), 100);

        assertThat(Hl7UploadCsv.planType(file.records().get(0))).isEqualTo(Hl7UploadCsv.HEADER_PLAN_NOT_UNDERSTOOD);
        assertThat(Hl7UploadCsv.planType(file.records().get(1))).isEqualTo("LAC");
    }

    @Test
    void a_dtd_or_external_entity_is_refused_and_never_read() {
        Hl7UploadFile xxe = Hl7UploadReader.read(sample("hostile-xxe.xml", 5), 100);
        Hl7UploadFile laughs = Hl7UploadReader.read(sample("hostile-billion-laughs.xml", 5), 100);

        assertThat(xxe.problem()).isNotNull();
        assertThat(xxe.records()).isEmpty();
        assertThat(laughs.problem()).isNotNull();
    }

    @Test
    void files_that_cannot_be_read_say_why_and_keep_what_sequence_was_read() {
        assertThat(Hl7UploadReader.read(sample("truncated.xml", 7), 100))
                .satisfies(f -> assertThat(f.problem()).startsWith("not well-formed"))
                .satisfies(f -> assertThat(f.sequence()).isEqualTo(7L));
        assertThat(Hl7UploadReader.read("not xml at all".getBytes(StandardCharsets.UTF_8), 100)
                        .problem())
                .isNotNull();
        assertThat(Hl7UploadReader.read(new byte[0], 100).problem()).isNotNull();
        String valid = new String(sample("la-upload-valid.xml", 9), StandardCharsets.UTF_8);
        assertThat(read(valid.replace("<transmissionQuantity value=\"3\"/>", "<transmissionQuantity value=\"4\"/>")))
                .satisfies(f -> assertThat(f.problem()).contains("transmissionQuantity"));
        assertThat(read(valid.replace("<id extension=\"9\"/>", "<id extension=\"nine\"/>")))
                .satisfies(f -> assertThat(f.sequence()).isNull())
                .satisfies(f -> assertThat(f.problem()).contains("sequence"));
        assertThat(read(valid.replace("urn:hl7-org:v3", "urn:other")).problem()).contains("HL7 v3 File");
        assertThat(Hl7UploadReader.read(sample("la-upload-valid.xml", 9), 2).problem())
                .contains("more than 2");
    }

    private static Hl7UploadFile read(String xml) {
        return Hl7UploadReader.read(xml.getBytes(StandardCharsets.UTF_8), 100);
    }
}
