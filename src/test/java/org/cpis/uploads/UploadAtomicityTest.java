package org.cpis.uploads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.List;
import org.cpis.CpisIntegrationTest;
import org.cpis.UploadSequences;
import org.cpis.shared.OdsCode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import testsupport.TestNhsNumbers;
import testsupport.UploadFile;

/** A file that breaks off halfway leaves nothing behind, and its sequence can be sent again. */
@CpisIntegrationTest
class UploadAtomicityTest {

    static final OdsCode LA = new OdsCode("E08000035"); // Leeds: no other test uploads for it through this facade

    @Autowired
    Uploads uploads;

    @Autowired
    JdbcClient jdbc;

    @Test
    void a_crash_mid_file_applies_none_of_it_and_stores_no_acknowledgement() {
        List<String> numbers = new ArrayList<>();
        byte[] file = UploadFile.builder()
                .rows(5_000, r -> numbers.add(r.nhsNumber()))
                .bytes();
        InputStream breaksOff =
                new SequenceInputStream(new ByteArrayInputStream(file, 0, file.length * 3 / 4), new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("connection reset by peer");
                    }
                });
        long sequence = UploadSequences.next();

        assertThatThrownBy(() -> uploads.upload(command(sequence, breaksOff))).isNotNull();

        assertThat(jdbc.sql("select count(*) from records.record where nhs_number in (:n)")
                        .param("n", numbers)
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("select count(*) from uploads.upload where la_ods = :la and sequence = :s")
                        .param("la", LA.value())
                        .param("s", sequence)
                        .query(Integer.class)
                        .single())
                .isZero();

        Acknowledgement retry = uploads.upload(command(sequence, new ByteArrayInputStream(file)));
        assertThat(retry.status()).isEqualTo(UploadStatus.ALL_LOADED);
        assertThat(retry.loaded()).isEqualTo(5_000);
        assertThat(jdbc.sql("select count(*) from records.record where nhs_number in (:n)")
                        .param("n", numbers)
                        .query(Integer.class)
                        .single())
                .isEqualTo(5_000);
    }

    @Test
    void a_file_found_malformed_after_rows_were_streamed_keeps_none_of_them() {
        String nhs = TestNhsNumbers.next();
        byte[] body = UploadFile.builder()
                .row(r -> r.nhsNumber(nhs))
                .line("\"never closed,Smith")
                .bytes();
        Acknowledgement ack = uploads.upload(command(UploadSequences.next(), new ByteArrayInputStream(body)));
        assertThat(ack.status()).isEqualTo(UploadStatus.MALFORMED);
        assertThat(jdbc.sql("select count(*) from records.record where nhs_number = :n")
                        .param("n", nhs)
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    private static UploadCommand command(long sequence, InputStream body) {
        return new UploadCommand(LA, sequence, "test-system", "LA_SYSTEM", UploadCommand.Channel.API, body);
    }
}
