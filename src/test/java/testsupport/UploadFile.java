package testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/**
 * An LA upload file (docs/interfaces.md section 3) as a case system sends it: the header, then one line per record.
 *
 * <pre>{@code
 * byte[] file = UploadFile.builder()
 *         .row(r -> r.nhsNumber(child).planType(PlanType.LAC).allocatedWorker("sam@la.example"))
 *         .row(r -> r.familyName("A".repeat(1_000_000)))       // a fresh valid child, one field too long
 *         .line("\"never closed,Smith")                          // literal text, where the text is the point
 *         .bytes();
 * }</pre>
 *
 * Plain Java, so benchmarks can write files of any size with it ({@link #writingTo}).
 */
public final class UploadFile {

    /** Every column, in the order docs/interfaces.md lists them. */
    public static final List<String> COLUMNS = List.of(
            "nhs_number",
            "local_id",
            "family_name",
            "given_names",
            "date_of_birth",
            "plan_type",
            "start_date",
            "end_date",
            "delete_date",
            "expected_delivery_date",
            "mother_nhs_number",
            "allocated_worker");

    /** The standard header line, with its line end. */
    public static final String HEADER = String.join(",", COLUMNS) + "\n";

    private UploadFile() {}

    /** A file held in memory: read it with {@link Builder#toCsv()} or {@link Builder#bytes()}. */
    public static Builder builder() {
        return new Builder(new ByteArrayOutputStream());
    }

    /** A file written straight to {@code out} as rows are added (buffer it); {@link Builder#flush()} at the end. */
    public static Builder writingTo(OutputStream out) {
        return new Builder(out);
    }

    /** Adds lines to a file; the header goes first, under the columns chosen before the first line. */
    public static final class Builder {

        private final OutputStream out;
        private List<String> columns = COLUMNS;
        private String lineEnd = "\n";
        private boolean headerWritten;
        private int rows;

        private Builder(OutputStream out) {
            this.out = out;
        }

        /** These columns, in this order, instead of all of them. */
        public Builder columns(String... names) {
            requireNoLines();
            this.columns = List.of(names);
            return this;
        }

        /** Ends every line with this instead of a line feed ("\r\n", as many case systems do). */
        public Builder lineEnd(String lineEnd) {
            requireNoLines();
            this.lineEnd = lineEnd;
            return this;
        }

        /** A valid record for a new child. */
        public Builder row() {
            return row(TestRecord.valid());
        }

        /** A valid record for a new child, changed by {@code fields}. */
        public Builder row(Consumer<TestRecord> fields) {
            return rowEncodedIn(StandardCharsets.UTF_8, fields);
        }

        /** A valid record changed by {@code fields}, that line encoded in another character set. */
        public Builder rowEncodedIn(Charset charset, Consumer<TestRecord> fields) {
            TestRecord record = TestRecord.valid();
            fields.accept(record);
            return row(record, charset);
        }

        public Builder row(TestRecord record) {
            return row(record, StandardCharsets.UTF_8);
        }

        /** {@code count} valid records for new children, each changed by {@code fields}. */
        public Builder rows(int count, Consumer<TestRecord> fields) {
            for (int i = 0; i < count; i++) {
                row(fields);
            }
            return this;
        }

        /** A line exactly as given (its line end is added): for text the hub must refuse. */
        public Builder line(String text) {
            rows++;
            return write(text + lineEnd, StandardCharsets.UTF_8);
        }

        /** The lines after the header so far. */
        public int lineCount() {
            return rows;
        }

        public String toCsv() {
            return new String(bytes(), StandardCharsets.UTF_8);
        }

        public byte[] bytes() {
            if (!(out instanceof ByteArrayOutputStream memory)) {
                throw new IllegalStateException("this file was written to a stream");
            }
            writeHeader();
            return memory.toByteArray();
        }

        /** Writes the header if no line was added, and flushes the stream. */
        public void flush() {
            writeHeader();
            try {
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private Builder row(TestRecord record, Charset charset) {
            rows++;
            return write(record.csvLine(columns) + lineEnd, charset);
        }

        private Builder write(String text, Charset charset) {
            writeHeader();
            try {
                out.write(text.getBytes(charset));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        private void writeHeader() {
            if (!headerWritten) {
                headerWritten = true;
                write(String.join(",", columns) + lineEnd, StandardCharsets.UTF_8);
            }
        }

        private void requireNoLines() {
            if (headerWritten) {
                throw new IllegalStateException("choose the columns and line end before adding lines");
            }
        }
    }
}
