package testsupport;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cpis.shared.PlanType;

/**
 * One line of an LA upload file, valid until a test changes it: a fresh test NHS number, Alice Smith born 2015-03-01, a
 * child protection plan started 2025-01-10, every optional field empty. Setters
 * take text as well as dates, so a test can send a value the hub must refuse.
 */
public final class TestRecord {

    private final Map<String, String> fields = new HashMap<>();

    private TestRecord() {
        fields.put("nhs_number", TestNhsNumbers.next());
        fields.put("family_name", "Smith");
        fields.put("given_names", "Alice");
        fields.put("date_of_birth", "2015-03-01");
        fields.put("plan_type", "CPP");
        fields.put("start_date", "2025-01-10");
    }

    /** A valid child protection plan for a new child. */
    public static TestRecord valid() {
        return new TestRecord();
    }

    public TestRecord nhsNumber(String value) {
        return set("nhs_number", value);
    }

    public TestRecord localId(String value) {
        return set("local_id", value);
    }

    public TestRecord familyName(String value) {
        return set("family_name", value);
    }

    public TestRecord givenNames(String value) {
        return set("given_names", value);
    }

    public TestRecord dateOfBirth(LocalDate value) {
        return set("date_of_birth", value);
    }

    public TestRecord dateOfBirth(String value) {
        return set("date_of_birth", value);
    }

    public TestRecord planType(PlanType value) {
        return set("plan_type", value.name());
    }

    public TestRecord planType(String value) {
        return set("plan_type", value);
    }

    public TestRecord startDate(LocalDate value) {
        return set("start_date", value);
    }

    public TestRecord startDate(String value) {
        return set("start_date", value);
    }

    public TestRecord endDate(LocalDate value) {
        return set("end_date", value);
    }

    public TestRecord endDate(String value) {
        return set("end_date", value);
    }

    public TestRecord deleteDate(LocalDate value) {
        return set("delete_date", value);
    }

    public TestRecord expectedDeliveryDate(LocalDate value) {
        return set("expected_delivery_date", value);
    }

    public TestRecord expectedDeliveryDate(String value) {
        return set("expected_delivery_date", value);
    }

    public TestRecord motherNhsNumber(String value) {
        return set("mother_nhs_number", value);
    }

    public TestRecord allocatedWorker(String value) {
        return set("allocated_worker", value);
    }

    /** Any column by its name in the file's header, including one the hub does not know. */
    public TestRecord set(String column, Object value) {
        fields.put(column, value == null ? null : value.toString());
        return this;
    }

    public String nhsNumber() {
        return fields.get("nhs_number");
    }

    /** The field under that column as the file carries it; empty when not set. */
    public String value(String column) {
        String value = fields.get(column);
        return value == null ? "" : value;
    }

    /** This record as one CSV line (without its line end) under these columns, quoted where CSV needs it. */
    public String csvLine(List<String> columns) {
        StringBuilder line = new StringBuilder(128);
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            appendField(line, value(columns.get(i)));
        }
        return line.toString();
    }

    private static void appendField(StringBuilder line, String value) {
        boolean quote = value.indexOf(',') >= 0
                || value.indexOf('"') >= 0
                || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0;
        if (quote) {
            line.append('"').append(value.replace("\"", "\"\"")).append('"');
        } else {
            line.append(value);
        }
    }
}
