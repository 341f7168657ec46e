package org.cpis.uploads;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.cpis.records.RecordBatch;

/**
 * Reads one upload file (docs/interfaces.md section 3) line by line with FastCSV, validates each line and passes the
 * valid rows on to the records store as they are read, so a file of any size streams through.
 */
final class UploadFileReader implements AutoCloseable {

    private final CsvReader<CsvRecord> csv;
    private final Iterator<CsvRecord> lines;
    private final int maxRows;
    private final int[] index = new int[UploadColumn.values().length];
    private final int fieldCount;
    private final MalformedProblem problem;

    /**
     * Opens the file and reads its header.
     *
     * @throws de.siegmar.fastcsv.reader.CsvParseException if the file is not CSV (also later, while reading lines)
     */
    UploadFileReader(InputStream body, int maxRows) {
        this.maxRows = maxRows;
        this.csv = CsvReader.builder()
                .detectBomHeader(true)
                // A line with the wrong number of fields is that line's problem, not the file's.
                .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
                .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                .allowUnclosedQuote(false)
                .ofCsvRecord(body, StandardCharsets.UTF_8);
        this.lines = csv.iterator();
        if (lines.hasNext()) {
            List<String> header = lines.next().getFields();
            this.fieldCount = header.size();
            this.problem = readHeader(header, index);
        } else {
            this.fieldCount = 0;
            this.problem = MalformedProblem.EMPTY_FILE;
        }
    }

    /** Why the file cannot be read as an upload, or null if its lines can be read. */
    MalformedProblem problem() {
        return problem;
    }

    /** Validates every line, passing valid rows to the batch as they are read. */
    void readLines(LocalDate today, RecordBatch batch, LineOutcomes outcomes) {
        RowValidator validator = new RowValidator(index, fieldCount, today);
        int rows = 0;
        while (lines.hasNext()) {
            CsvRecord record = lines.next();
            if (++rows > maxRows) {
                throw new UploadRejectedException(
                        UploadRejectedException.Kind.TOO_LARGE,
                        "The file has more than " + maxRows + " lines; split it into several uploads");
            }
            int line = (int) record.getStartingLineNumber();
            RowValidator.Result result =
                    validator.validate(line, record.getFields().toArray(String[]::new));
            if (result.row() != null) {
                batch.add(result.row());
                outcomes.loaded(line);
            } else {
                outcomes.rejected(
                        line, result.problem().reason(), result.problem().column());
            }
        }
    }

    @Override
    public void close() {
        try {
            csv.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MalformedProblem readHeader(List<String> header, int[] index) {
        Arrays.fill(index, -1);
        for (int i = 0; i < header.size(); i++) {
            Optional<UploadColumn> column = UploadColumn.fromHeader(header.get(i));
            if (column.isEmpty()) {
                return MalformedProblem.UNKNOWN_COLUMN;
            }
            if (index[column.get().ordinal()] >= 0) {
                return MalformedProblem.DUPLICATE_COLUMN;
            }
            index[column.get().ordinal()] = i;
        }
        for (UploadColumn column : UploadColumn.values()) {
            if (column.requiredInHeader() && index[column.ordinal()] < 0) {
                return MalformedProblem.MISSING_COLUMN;
            }
        }
        return null;
    }
}
