package testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.cpis.shared.NhsNumber;
import org.cpis.shared.PlanType;
import org.junit.jupiter.api.Test;

class UploadFileTest {

    @Test
    void a_row_is_a_valid_plan_for_a_new_child_unless_changed() {
        String csv = UploadFile.builder()
                .row(r -> r.nhsNumber("9990000077"))
                .row(r -> r.nhsNumber("9990000212")
                        .localId("B-1")
                        .planType(PlanType.UCPP)
                        .expectedDeliveryDate(LocalDate.of(2027, 1, 15))
                        .allocatedWorker("sam@la.example"))
                .toCsv();
        assertThat(csv)
                .isEqualTo(UploadFile.HEADER
                        + "9990000077,,Smith,Alice,2015-03-01,CPP,2025-01-10,,,,,\n"
                        + "9990000212,B-1,Smith,Alice,2015-03-01,UCPP,2025-01-10,,,2027-01-15,,sam@la.example\n");
        assertThat(UploadFile.builder().toCsv()).isEqualTo(UploadFile.HEADER);
    }

    @Test
    void fresh_records_have_different_valid_test_nhs_numbers() {
        String first = TestRecord.valid().nhsNumber();
        String second = TestRecord.valid().nhsNumber();
        assertThat(first).isNotEqualTo(second).startsWith("999");
        assertThat(NhsNumber.isValid(first)).isTrue();
        assertThat(NhsNumber.isValid(TestNhsNumbers.shuffled(7).next())).isTrue();
    }

    @Test
    void columns_line_ends_quoting_literal_lines_and_encodings() {
        byte[] file = UploadFile.builder()
                .columns("family_name", "nhs_number")
                .lineEnd("\r\n")
                .row(r -> r.nhsNumber("9990000077").familyName("O'Brien, \"Jr\""))
                .rowEncodedIn(
                        StandardCharsets.ISO_8859_1,
                        r -> r.nhsNumber("9990000212").familyName("M\u00fcller"))
                .line("\"never closed")
                .bytes();
        assertThat(new String(file, StandardCharsets.ISO_8859_1))
                .isEqualTo("family_name,nhs_number\r\n\"O'Brien, \"\"Jr\"\"\",9990000077\r\nM\u00fcller,9990000212\r\n"
                        + "\"never closed\r\n");
        assertThatThrownBy(() -> UploadFile.builder().row().columns("nhs_number"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_file_written_to_a_stream_is_the_same_file() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        UploadFile.Builder streamed = UploadFile.writingTo(out).row(r -> r.nhsNumber("9990000077"));
        streamed.flush();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo(
                        UploadFile.builder().row(r -> r.nhsNumber("9990000077")).toCsv());
        assertThat(streamed.lineCount()).isEqualTo(1);
    }
}
