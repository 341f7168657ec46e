package org.cpis.uploads;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import org.cpis.records.RecordRow;
import org.cpis.records.RecordRules;
import org.cpis.shared.NhsNumber;
import org.cpis.shared.PlanType;

/**
 * Checks one line of an upload against the rules of docs/interfaces.md section 3. The first problem found is the
 * line's reason; the column at fault is named, its value never.
 */
final class RowValidator {

    /** A problem with a line: the reason and the column at fault (null when no single column is at fault). */
    record Problem(RejectionReason reason, UploadColumn column) {}

    /** Either a valid row or the problem with the line. */
    record Result(RecordRow row, Problem problem) {
        static Result rejected(RejectionReason reason, UploadColumn column) {
            return new Result(null, new Problem(reason, column));
        }
    }

    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+'-]{1,64}@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");
    private static final LocalDate EARLIEST_BIRTH = LocalDate.of(1900, 1, 1);

    private final int[] index; // by UploadColumn ordinal: position in the line, or -1 if the header lacks it
    private final int fieldCount;
    private final LocalDate today;

    RowValidator(int[] index, int fieldCount, LocalDate today) {
        this.index = index;
        this.fieldCount = fieldCount;
        this.today = today;
    }

    Result validate(int line, String[] fields) {
        if (fields.length != fieldCount) {
            return Result.rejected(RejectionReason.WRONG_NUMBER_OF_FIELDS, null);
        }
        for (UploadColumn column : UploadColumn.values()) {
            int i = index[column.ordinal()];
            if (i < 0) {
                continue;
            }
            String value = fields[i];
            if (value.length() > column.maxLength() && value.strip().length() > column.maxLength()) {
                return Result.rejected(column.whenTooLong(), column);
            }
            for (int c = 0; c < value.length(); c++) {
                char ch = value.charAt(c);
                // U+FFFD is what a byte that is not UTF-8 decodes to.
                if (Character.isISOControl(ch) || ch == '\uFFFD' || ch == '\u2028' || ch == '\u2029') {
                    return Result.rejected(RejectionReason.INVALID_CHARACTERS, column);
                }
            }
        }

        String nhs = field(fields, UploadColumn.NHS_NUMBER);
        if (nhs == null) {
            return Result.rejected(RejectionReason.MISSING_FIELD, UploadColumn.NHS_NUMBER);
        }
        if (!NhsNumber.isValid(nhs)) {
            return Result.rejected(RejectionReason.INVALID_NHS_NUMBER, UploadColumn.NHS_NUMBER);
        }
        String familyName = field(fields, UploadColumn.FAMILY_NAME);
        if (familyName == null) {
            return Result.rejected(RejectionReason.MISSING_FIELD, UploadColumn.FAMILY_NAME);
        }
        String givenNames = field(fields, UploadColumn.GIVEN_NAMES);
        if (givenNames == null) {
            return Result.rejected(RejectionReason.MISSING_FIELD, UploadColumn.GIVEN_NAMES);
        }

        String planCode = field(fields, UploadColumn.PLAN_TYPE);
        if (planCode == null) {
            return Result.rejected(RejectionReason.MISSING_FIELD, UploadColumn.PLAN_TYPE);
        }
        PlanType planType = PlanType.fromCode(planCode).orElse(null);
        if (planType == null) {
            return Result.rejected(RejectionReason.UNKNOWN_PLAN_TYPE, UploadColumn.PLAN_TYPE);
        }

        DateField dob = date(fields, UploadColumn.DATE_OF_BIRTH, true);
        if (dob.problem != null) {
            return dob.problem;
        }
        if (dob.value.isAfter(today) || dob.value.isBefore(EARLIEST_BIRTH)) {
            return Result.rejected(RejectionReason.INVALID_DATE, UploadColumn.DATE_OF_BIRTH);
        }
        DateField start = date(fields, UploadColumn.START_DATE, true);
        if (start.problem != null) {
            return start.problem;
        }
        if (start.value.isAfter(today)) {
            return Result.rejected(RejectionReason.START_IN_FUTURE, UploadColumn.START_DATE);
        }
        DateField end = date(fields, UploadColumn.END_DATE, false);
        if (end.problem != null) {
            return end.problem;
        }
        if (end.value != null && end.value.isBefore(start.value)) {
            return Result.rejected(RejectionReason.END_BEFORE_START, UploadColumn.END_DATE);
        }
        DateField delete = date(fields, UploadColumn.DELETE_DATE, false);
        if (delete.problem != null) {
            return delete.problem;
        }
        DateField due = date(fields, UploadColumn.EXPECTED_DELIVERY_DATE, false);
        if (due.problem != null) {
            return due.problem;
        }
        if (planType == PlanType.UCPP && due.value == null) {
            return Result.rejected(
                    RejectionReason.EXPECTED_DELIVERY_DATE_REQUIRED, UploadColumn.EXPECTED_DELIVERY_DATE);
        }
        if (planType != PlanType.UCPP && due.value != null) {
            return Result.rejected(RejectionReason.FIELD_NOT_ALLOWED, UploadColumn.EXPECTED_DELIVERY_DATE);
        }

        String mother = field(fields, UploadColumn.MOTHER_NHS_NUMBER);
        String nhsDigits = NhsNumber.of(nhs).value();
        String motherDigits = null;
        if (mother != null) {
            if (planType == PlanType.UCPP) {
                return Result.rejected(RejectionReason.FIELD_NOT_ALLOWED, UploadColumn.MOTHER_NHS_NUMBER);
            }
            if (!NhsNumber.isValid(mother) || NhsNumber.of(mother).value().equals(nhsDigits)) {
                return Result.rejected(RejectionReason.INVALID_NHS_NUMBER, UploadColumn.MOTHER_NHS_NUMBER);
            }
            motherDigits = NhsNumber.of(mother).value();
        }
        String worker = field(fields, UploadColumn.ALLOCATED_WORKER);
        if (worker != null && !EMAIL.matcher(worker).matches()) {
            return Result.rejected(RejectionReason.INVALID_EMAIL, UploadColumn.ALLOCATED_WORKER);
        }

        // A child's plan ends at 18 (spec section 2); a plan for someone already 18 is not accepted, except to
        // withdraw a record made in error.
        boolean withdrawal = delete.value != null && !delete.value.isAfter(today);
        if (planType != PlanType.UCPP && !today.isBefore(RecordRules.eighteenthBirthday(dob.value)) && !withdrawal) {
            return Result.rejected(RejectionReason.AGED_18_OR_OVER, UploadColumn.DATE_OF_BIRTH);
        }

        return new Result(
                new RecordRow(
                        line,
                        nhsDigits,
                        planType,
                        field(fields, UploadColumn.LOCAL_ID),
                        familyName,
                        givenNames,
                        dob.value,
                        start.value,
                        end.value,
                        delete.value,
                        due.value,
                        motherDigits,
                        worker == null ? null : worker.toLowerCase()),
                null);
    }

    private String field(String[] fields, UploadColumn column) {
        int i = index[column.ordinal()];
        if (i < 0) {
            return null;
        }
        String value = fields[i].strip();
        return value.isEmpty() ? null : value;
    }

    private record DateField(LocalDate value, Result problem) {}

    private DateField date(String[] fields, UploadColumn column, boolean required) {
        String value = field(fields, column);
        if (value == null) {
            return new DateField(null, required ? Result.rejected(RejectionReason.MISSING_FIELD, column) : null);
        }
        // ISO 8601 calendar dates only: exactly yyyy-MM-dd.
        if (value.length() != 10) {
            return new DateField(null, Result.rejected(RejectionReason.INVALID_DATE, column));
        }
        try {
            return new DateField(LocalDate.parse(value), null);
        } catch (DateTimeParseException e) {
            return new DateField(null, Result.rejected(RejectionReason.INVALID_DATE, column));
        }
    }
}
