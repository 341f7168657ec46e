package org.cpis.mesh;

import de.siegmar.fastcsv.writer.CsvWriter;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.cpis.mesh.Hl7UploadFile.Hl7Record;

/**
 * Turns an HL7 v3 upload's records into the upload CSV of docs/interfaces.md section 3, one line per record in order,
 * so that the uploads module applies exactly the same rules, in the same transaction, as to a CSV upload. Line
 * {@code n + 1} is record {@code n}: a line break inside a value becomes U+FFFD, which the rules reject as
 * INVALID_CHARACTERS instead of it splitting the line.
 */
final class Hl7UploadCsv {

    static final String HEADER_PLAN_NOT_UNDERSTOOD = "UNREADABLE";

    // HL7 TS: a date, optionally a time (hh to hhmmss.ffff) and an offset.
    private static final java.util.regex.Pattern TS = java.util.regex.Pattern.compile(
            "([0-9]{4})([0-9]{2})([0-9]{2})(?:[0-9]{2,6}(?:\\.[0-9]{1,4})?)?(?:[+-][0-9]{4})?");

    private Hl7UploadCsv() {}

    static byte[] csv(List<Hl7Record> records) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + records.size() * 120);
        try (CsvWriter csv = CsvWriter.builder().build(new OutputStreamWriter(bytes, StandardCharsets.UTF_8))) {
            csv.writeRecord(
                    "nhs_number",
                    "local_id",
                    "family_name",
                    "given_names",
                    "date_of_birth",
                    "plan_type",
                    "start_date",
                    "end_date",
                    "delete_date",
                    "expected_delivery_date");
            for (Hl7Record r : records) {
                csv.writeRecord(
                        value(r.nhsNumber()),
                        value(r.localId()),
                        value(r.family()),
                        value(r.given()),
                        date(r.birthTime()),
                        planType(r),
                        date(r.start()),
                        date(r.end()),
                        date(r.delete()),
                        date(r.expectedDelivery()));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * The plan type is told by the template present. A record with two subjects or templates, or an unborn child's
     * subject with a child's plan (or the reverse), gets a plan type the rules reject (UNKNOWN_PLAN_TYPE).
     */
    static String planType(Hl7Record r) {
        if (r.problems() > 0 || r.template() == null) {
            return r.template() == null && r.problems() == 0 ? "" : HEADER_PLAN_NOT_UNDERSTOOD;
        }
        return switch (r.template()) {
            case Hl7UploadReader.LAC -> "LAC";
            case Hl7UploadReader.CPP -> "CPP";
            case Hl7UploadReader.UCP -> "UCPP";
            default -> HEADER_PLAN_NOT_UNDERSTOOD;
        };
    }

    /** HL7 TS {@code yyyymmdd[hhmmss[+zzzz]]} to ISO {@code yyyy-mm-dd}; anything else is passed on to be rejected. */
    static String date(String ts) {
        if (ts == null || ts.isBlank()) {
            return "";
        }
        java.util.regex.Matcher t = TS.matcher(ts.strip());
        if (t.matches()) {
            return t.group(1) + "-" + t.group(2) + "-" + t.group(3);
        }
        return "not-a-date";
    }

    private static String value(String v) {
        return v == null ? "" : v.replace('\r', '\uFFFD').replace('\n', '\uFFFD');
    }
}
