package org.cpis.uploads;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import de.siegmar.fastcsv.reader.CsvParseException;
import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.cpis.records.RecordBatch;
import org.cpis.records.RecordRow;
import org.cpis.shared.NhsNumber;

/**
 * Any bytes sent as an upload file end in an acknowledgement (lines loaded or rejected, or a MALFORMED problem) or in
 * one of the documented refusals (not CSV, too many lines), never in another exception. Regression inputs run in
 * every build; {@code JAZZER_FUZZ=1 ./mvnw -o surefire:test@fuzz-tests
 * -Dtest=UploadParserFuzzTest} fuzzes for {@code maxDuration} (docs/benchmarks.md).
 */
class UploadParserFuzzTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 30);
    private static final int MAX_ROWS = 200;

    @FuzzTest(maxDuration = "5m")
    void any_file_is_acknowledged_line_by_line_or_refused_as_documented(byte[] file) {
        try (UploadFileReader reader = new UploadFileReader(new ByteArrayInputStream(file), MAX_ROWS)) {
            if (reader.problem() != null) {
                return; // MALFORMED, with its problem: an acknowledgement without lines
            }
            List<RecordRow> loaded = new ArrayList<>();
            LineOutcomes outcomes = new LineOutcomes();
            reader.readLines(TODAY, collecting(loaded), outcomes);
            assertThat(outcomes.size()).isEqualTo(loaded.size() + outcomes.rejected());
            for (RecordRow row : loaded) {
                assertThat(NhsNumber.isValid(row.nhsNumber())).isTrue();
                assertThat(row.planType()).isNotNull();
            }
        } catch (CsvParseException e) {
            // NOT_CSV (an unclosed quote, for example): the documented MALFORMED acknowledgement
        } catch (UploadRejectedException e) {
            assertThat(e.kind()).isEqualTo(UploadRejectedException.Kind.TOO_LARGE);
        }
    }

    private static RecordBatch collecting(List<RecordRow> rows) {
        return new RecordBatch() {
            @Override
            public void add(RecordRow row) {
                rows.add(row);
            }

            @Override
            public List<Integer> apply() {
                return List.of();
            }

            @Override
            public void close() {}
        };
    }
}
