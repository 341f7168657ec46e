package org.cpis.organisations;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.cpis.shared.InvalidIdentifierException;
import org.cpis.shared.OdsCode;

/**
 * Reads the operator's registry files (formats in docs/operations.md). Every line is checked before anything is
 * written, so a bad file changes nothing.
 */
final class RegistryCsv {

    static final List<String> LOCAL_AUTHORITY_COLUMNS =
            List.of("ods_code", "name", "emergency_duty_phone", "office_hours_phone", "duty_team_email", "mash_email");
    static final List<String> CARE_SETTING_COLUMNS = List.of("ods_code", "name", "care_setting_type");
    /** Columns a file may leave out. */
    static final List<String> OPTIONAL_COLUMNS = List.of("phone");

    private static final Pattern PHONE = Pattern.compile(ContactFormats.PHONE);
    private static final Pattern EMAIL = Pattern.compile(ContactFormats.EMAIL);

    record Parsed<T>(List<T> rows, List<String> problems) {}

    private RegistryCsv() {}

    static Parsed<LocalAuthority> localAuthorities(Reader csv) {
        return read(csv, LOCAL_AUTHORITY_COLUMNS, (row, problems) -> {
            String edt = row.field("emergency_duty_phone", true, PHONE);
            String office = row.field("office_hours_phone", false, PHONE);
            String duty = row.field("duty_team_email", false, EMAIL);
            String mash = row.field("mash_email", false, EMAIL);
            return new LocalAuthority(row.odsCode(), row.field("name", true, null), edt, office, duty, mash);
        });
    }

    static Parsed<CareSetting> careSettings(Reader csv) {
        return read(csv, CARE_SETTING_COLUMNS, (row, problems) -> {
            String name = row.field("name", true, null);
            String typeCode = row.field("care_setting_type", true, null);
            CareSettingType type =
                    typeCode == null ? null : CareSettingType.fromCode(typeCode).orElse(null);
            if (typeCode != null && type == null) {
                row.problem("care_setting_type", "is not a known care-setting type");
            }
            String phone = row.header.contains("phone") ? row.field("phone", false, PHONE) : null;
            return new CareSetting(row.odsCode(), name, type, phone);
        });
    }

    private interface RowMapper<T> {
        T map(Row row, List<String> problems);
    }

    private static <T> Parsed<T> read(Reader csv, List<String> columns, RowMapper<T> mapper) {
        Parsed<T> parsed = new Parsed<>(new ArrayList<>(), new ArrayList<>());
        Set<String> seen = new HashSet<>();
        try (CsvReader<NamedCsvRecord> reader = CsvReader.builder().ofNamedCsvRecord(csv)) {
            boolean headerChecked = false;
            for (NamedCsvRecord record : reader) {
                if (!headerChecked) {
                    if (!headerFits(record.getHeader(), columns)) {
                        return new Parsed<>(List.of(), List.of("header must be exactly: " + String.join(",", columns)));
                    }
                    headerChecked = true;
                }
                readRecord(record, mapper, seen, parsed);
            }
            if (!headerChecked && parsed.problems().isEmpty()) {
                parsed.problems().add("the file has no rows");
            }
        } catch (CsvParseException e) {
            parsed.problems().add("the file is not readable as RFC 4180 CSV");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return parsed;
    }

    /** Every required column, and no column but those and the optional ones, in any order. */
    private static boolean headerFits(List<String> header, List<String> columns) {
        Set<String> allowed = new HashSet<>(columns);
        allowed.addAll(OPTIONAL_COLUMNS);
        return header.containsAll(columns) && allowed.containsAll(header);
    }

    /** Adds the record's value to the parsed rows, or its problems to the parsed problems. */
    private static <T> void readRecord(
            NamedCsvRecord record, RowMapper<T> mapper, Set<String> seenOdsCodes, Parsed<T> parsed) {
        List<String> problems = parsed.problems();
        long line = record.getStartingLineNumber();
        if (record.getFieldCount() != record.getHeader().size()) {
            problems.add("line " + line + ": expected " + record.getHeader().size() + " fields");
            return;
        }
        int before = problems.size();
        T value = mapper.map(new Row(record, line, problems), problems);
        if (problems.size() > before) {
            return;
        }
        if (seenOdsCodes.add(record.getField("ods_code"))) {
            parsed.rows().add(value);
        } else {
            problems.add("line " + line + ": ods_code appears more than once in the file");
        }
    }

    private static final class Row {
        private final NamedCsvRecord record;
        private final List<String> header;
        private final long line;
        private final List<String> problems;

        Row(NamedCsvRecord record, long line, List<String> problems) {
            this.record = record;
            this.header = record.getHeader();
            this.line = line;
            this.problems = problems;
        }

        OdsCode odsCode() {
            try {
                return OdsCode.of(record.getField("ods_code"));
            } catch (InvalidIdentifierException e) {
                problem("ods_code", "is not a valid ODS code");
                return null;
            }
        }

        String field(String column, boolean required, Pattern format) {
            String value = record.getField(column).trim();
            if (value.isEmpty()) {
                if (required) {
                    problem(column, "is required");
                }
                return null;
            }
            if (value.length() > 200
                    || (format != null && !format.matcher(value).matches())) {
                problem(column, "is not in the expected format");
                return null;
            }
            return value;
        }

        void problem(String column, String what) {
            problems.add("line " + line + ": " + column + " " + what);
        }
    }
}
