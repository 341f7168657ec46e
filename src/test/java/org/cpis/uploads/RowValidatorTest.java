package org.cpis.uploads;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cpis.records.RecordRow;
import org.cpis.shared.PlanType;
import org.junit.jupiter.api.Test;
import testsupport.TestRecord;

class RowValidatorTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

    /** A valid CPP row (born 2015-03-01, started 2025-01-10); tests change one field at a time. */
    private static Map<UploadColumn, String> row() {
        TestRecord record = TestRecord.valid().nhsNumber("9990000077").localId("B-1");
        Map<UploadColumn, String> row = new LinkedHashMap<>();
        for (UploadColumn column : UploadColumn.values()) {
            row.put(column, record.value(column.header()));
        }
        return row;
    }

    private static RowValidator.Result validate(Map<UploadColumn, String> row) {
        int[] index = new int[UploadColumn.values().length];
        Arrays.fill(index, -1);
        String[] fields = new String[row.size()];
        int i = 0;
        for (var e : row.entrySet()) {
            index[e.getKey().ordinal()] = i;
            fields[i++] = e.getValue();
        }
        return new RowValidator(index, fields.length, TODAY).validate(2, fields);
    }

    private static RowValidator.Result with(UploadColumn column, String value) {
        Map<UploadColumn, String> row = row();
        row.put(column, value);
        return validate(row);
    }

    private static void assertRejected(RowValidator.Result result, RejectionReason reason, UploadColumn column) {
        assertThat(result.row()).isNull();
        assertThat(result.problem()).isEqualTo(new RowValidator.Problem(reason, column));
    }

    @Test
    void a_valid_row_becomes_a_record_row() {
        RecordRow r = with(UploadColumn.NHS_NUMBER, " 999 000 0077 ").row();
        assertThat(r.nhsNumber()).isEqualTo("9990000077");
        assertThat(r.planType()).isEqualTo(PlanType.CPP);
        assertThat(r.dateOfBirth()).isEqualTo(LocalDate.of(2015, 3, 1));
        assertThat(r.endDate()).isNull();
        assertThat(r.line()).isEqualTo(2);
    }

    @Test
    void nhs_number_must_be_present_and_pass_modulus_11() {
        assertRejected(with(UploadColumn.NHS_NUMBER, ""), RejectionReason.MISSING_FIELD, UploadColumn.NHS_NUMBER);
        assertRejected(
                with(UploadColumn.NHS_NUMBER, "9990000078"),
                RejectionReason.INVALID_NHS_NUMBER,
                UploadColumn.NHS_NUMBER);
        assertRejected(
                with(UploadColumn.NHS_NUMBER, "'; drop table x;--"),
                RejectionReason.INVALID_NHS_NUMBER,
                UploadColumn.NHS_NUMBER);
    }

    @Test
    void required_fields() {
        assertRejected(with(UploadColumn.FAMILY_NAME, "  "), RejectionReason.MISSING_FIELD, UploadColumn.FAMILY_NAME);
        assertRejected(with(UploadColumn.GIVEN_NAMES, ""), RejectionReason.MISSING_FIELD, UploadColumn.GIVEN_NAMES);
        assertRejected(with(UploadColumn.PLAN_TYPE, ""), RejectionReason.MISSING_FIELD, UploadColumn.PLAN_TYPE);
        assertRejected(with(UploadColumn.DATE_OF_BIRTH, ""), RejectionReason.MISSING_FIELD, UploadColumn.DATE_OF_BIRTH);
        assertRejected(with(UploadColumn.START_DATE, ""), RejectionReason.MISSING_FIELD, UploadColumn.START_DATE);
    }

    @Test
    void plan_type_is_exact() {
        assertRejected(with(UploadColumn.PLAN_TYPE, "cpp"), RejectionReason.UNKNOWN_PLAN_TYPE, UploadColumn.PLAN_TYPE);
        assertRejected(with(UploadColumn.PLAN_TYPE, "CIN"), RejectionReason.UNKNOWN_PLAN_TYPE, UploadColumn.PLAN_TYPE);
    }

    @Test
    void dates_are_strict_iso_calendar_dates() {
        for (String bad :
                new String[] {"2025-1-10", "10/01/2025", "2025-02-30", "2025-13-01", "20250110", "+2025-01-10"}) {
            assertRejected(with(UploadColumn.START_DATE, bad), RejectionReason.INVALID_DATE, UploadColumn.START_DATE);
        }
        assertRejected(
                with(UploadColumn.DATE_OF_BIRTH, "2026-11-23"),
                RejectionReason.INVALID_DATE,
                UploadColumn.DATE_OF_BIRTH);
        assertRejected(
                with(UploadColumn.DATE_OF_BIRTH, "1899-12-31"),
                RejectionReason.INVALID_DATE,
                UploadColumn.DATE_OF_BIRTH);
    }

    @Test
    void start_may_be_today_but_not_tomorrow() {
        assertThat(with(UploadColumn.START_DATE, "2026-11-22").row()).isNotNull();
        assertRejected(
                with(UploadColumn.START_DATE, "2026-11-23"), RejectionReason.START_IN_FUTURE, UploadColumn.START_DATE);
    }

    @Test
    void end_may_equal_start_but_not_precede_it() {
        assertThat(with(UploadColumn.END_DATE, "2025-01-10").row()).isNotNull();
        assertRejected(
                with(UploadColumn.END_DATE, "2025-01-09"), RejectionReason.END_BEFORE_START, UploadColumn.END_DATE);
    }

    @Test
    void an_unborn_plan_needs_its_expected_delivery_date_and_only_it_may_have_one() {
        Map<UploadColumn, String> ucpp = row();
        ucpp.put(UploadColumn.PLAN_TYPE, "UCPP");
        ucpp.put(UploadColumn.DATE_OF_BIRTH, "1995-01-01");
        assertRejected(
                validate(ucpp), RejectionReason.EXPECTED_DELIVERY_DATE_REQUIRED, UploadColumn.EXPECTED_DELIVERY_DATE);
        ucpp.put(UploadColumn.EXPECTED_DELIVERY_DATE, "2027-01-15");
        assertThat(validate(ucpp).row().expectedDeliveryDate()).isEqualTo(LocalDate.of(2027, 1, 15));
        ucpp.put(UploadColumn.MOTHER_NHS_NUMBER, "9990000212");
        assertRejected(validate(ucpp), RejectionReason.FIELD_NOT_ALLOWED, UploadColumn.MOTHER_NHS_NUMBER);

        assertRejected(
                with(UploadColumn.EXPECTED_DELIVERY_DATE, "2027-01-15"),
                RejectionReason.FIELD_NOT_ALLOWED,
                UploadColumn.EXPECTED_DELIVERY_DATE);
    }

    @Test
    void a_child_is_accepted_the_day_before_the_18th_birthday_and_refused_on_it() {
        assertThat(with(UploadColumn.DATE_OF_BIRTH, "2008-11-23").row()).isNotNull();
        assertRejected(
                with(UploadColumn.DATE_OF_BIRTH, "2008-11-22"),
                RejectionReason.AGED_18_OR_OVER,
                UploadColumn.DATE_OF_BIRTH);
        // A record made in error can still be withdrawn.
        Map<UploadColumn, String> withdrawal = row();
        withdrawal.put(UploadColumn.DATE_OF_BIRTH, "2008-11-22");
        withdrawal.put(UploadColumn.DELETE_DATE, "2026-11-22");
        assertThat(validate(withdrawal).row()).isNotNull();
        // An expectant mother's age is no bar to her unborn child's plan.
        Map<UploadColumn, String> ucpp = row();
        ucpp.put(UploadColumn.PLAN_TYPE, "UCPP");
        ucpp.put(UploadColumn.DATE_OF_BIRTH, "1990-01-01");
        ucpp.put(UploadColumn.EXPECTED_DELIVERY_DATE, "2027-01-15");
        assertThat(validate(ucpp).row()).isNotNull();
    }

    @Test
    void mother_nhs_number_must_be_valid_and_not_the_childs_own() {
        assertThat(with(UploadColumn.MOTHER_NHS_NUMBER, "9990000212").row().motherNhsNumber())
                .isEqualTo("9990000212");
        assertRejected(
                with(UploadColumn.MOTHER_NHS_NUMBER, "9990000213"),
                RejectionReason.INVALID_NHS_NUMBER,
                UploadColumn.MOTHER_NHS_NUMBER);
        assertRejected(
                with(UploadColumn.MOTHER_NHS_NUMBER, "9990000077"),
                RejectionReason.INVALID_NHS_NUMBER,
                UploadColumn.MOTHER_NHS_NUMBER);
    }

    @Test
    void allocated_worker_is_an_email_address() {
        assertThat(with(UploadColumn.ALLOCATED_WORKER, "Sam.Patel@Birmingham.example")
                        .row()
                        .allocatedWorker())
                .isEqualTo("sam.patel@birmingham.example");
        assertRejected(
                with(UploadColumn.ALLOCATED_WORKER, "Sam Patel"),
                RejectionReason.INVALID_EMAIL,
                UploadColumn.ALLOCATED_WORKER);
    }

    @Test
    void hostile_content_is_refused_by_length_or_character_not_echoed() {
        assertRejected(
                with(UploadColumn.FAMILY_NAME, "x".repeat(1_000_000)),
                RejectionReason.FIELD_TOO_LONG,
                UploadColumn.FAMILY_NAME);
        assertRejected(
                with(UploadColumn.FAMILY_NAME, "Smith\u0000"),
                RejectionReason.INVALID_CHARACTERS,
                UploadColumn.FAMILY_NAME);
        assertRejected(
                with(UploadColumn.GIVEN_NAMES, "Zo\uFFFD"),
                RejectionReason.INVALID_CHARACTERS,
                UploadColumn.GIVEN_NAMES);
        assertRejected(
                with(UploadColumn.GIVEN_NAMES, "line\nbreak"),
                RejectionReason.INVALID_CHARACTERS,
                UploadColumn.GIVEN_NAMES);
        // Quotes, apostrophes and SQL or HTML are just text in a name.
        assertThat(with(UploadColumn.FAMILY_NAME, "O'Brien \"<script>\"; DROP TABLE--")
                        .row()
                        .familyName())
                .isEqualTo("O'Brien \"<script>\"; DROP TABLE--");
    }

    @Test
    void a_line_with_the_wrong_number_of_fields_is_refused() {
        int[] index = new int[UploadColumn.values().length];
        Arrays.fill(index, -1);
        index[UploadColumn.NHS_NUMBER.ordinal()] = 0;
        RowValidator validator = new RowValidator(index, 2, TODAY);
        assertThat(validator.validate(3, new String[] {"9990000077"}).problem())
                .isEqualTo(new RowValidator.Problem(RejectionReason.WRONG_NUMBER_OF_FIELDS, null));
    }

    @Test
    void dates_are_exactly_yyyy_mm_dd_and_real_calendar_dates() {
        for (String good : new String[] {"2024-02-29", "2025-12-31", "2000-02-29"}) {
            assertThat(with(UploadColumn.START_DATE, good).row()).as(good).isNotNull();
        }
        for (String bad : new String[] {
            "2023-02-29", "2025-04-31", "2025-13-01", "2025-00-10", "2025-01-00", "2025-1-010", "2025/01/01",
            "+202-01-01", "-202-01-01", "2025-01-0a", "20250101xx", "2025-01-32", " 2025-01-1x", "２０２５-01-01"
        }) {
            assertRejected(with(UploadColumn.START_DATE, bad), RejectionReason.INVALID_DATE, UploadColumn.START_DATE);
        }
    }

    @Test
    void e_mail_addresses_are_checked_as_the_documented_pattern_checks_them() {
        for (String good : new String[] {
            "a.worker@birmingham.gov.uk",
            "o'neil@x.org",
            "x".repeat(64) + "@b.c",
            "a@b-c.d-e",
            "a+tag%1@sub.domain.example"
        }) {
            assertThat(with(UploadColumn.ALLOCATED_WORKER, good).row()).as(good).isNotNull();
        }
        for (String bad : new String[] {
            "a@b",
            "a@b.",
            "a@.b",
            "a@b..c",
            "@b.c",
            "a@@b.c",
            "a b@c.d",
            "a@b.c@d.e",
            "x".repeat(65) + "@b.c",
            "a@b_c.d",
            "é@b.c",
            "a@b.c."
        }) {
            assertRejected(
                    with(UploadColumn.ALLOCATED_WORKER, bad),
                    RejectionReason.INVALID_EMAIL,
                    UploadColumn.ALLOCATED_WORKER);
        }
    }

    @Test
    void forbidden_characters_are_the_control_characters_and_the_replacement_and_separator_characters() {
        for (char c :
                new char[] {'\u0000', '\u0009', '\u001f', '\u007f', '\u0085', '\u009f', '\uFFFD', '\u2028', '\u2029'}) {
            assertRejected(
                    with(UploadColumn.FAMILY_NAME, "Sm" + c + "ith"),
                    RejectionReason.INVALID_CHARACTERS,
                    UploadColumn.FAMILY_NAME);
        }
        for (String fine : new String[] {"O'Brien-Smith", "Zoë", "Łukasz", "李", "Ngọc"}) {
            assertThat(with(UploadColumn.FAMILY_NAME, fine).row()).as(fine).isNotNull();
        }
    }
}
