package org.cpis.uploads;

import java.time.LocalDate;
import org.cpis.records.RecordRow;
import org.cpis.records.RecordRules;
import org.cpis.shared.InvalidIdentifierException;
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

    private static final UploadColumn[] COLUMNS = UploadColumn.values();
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
        for (UploadColumn column : COLUMNS) {
            int i = index[column.ordinal()];
            if (i < 0) {
                continue;
            }
            String value = fields[i];
            if (value.length() > column.maxLength() && value.strip().length() > column.maxLength()) {
                return Result.rejected(column.whenTooLong(), column);
            }
            if (hasForbiddenCharacter(value)) {
                return Result.rejected(RejectionReason.INVALID_CHARACTERS, column);
            }
        }

        String nhs = field(fields, UploadColumn.NHS_NUMBER);
        if (nhs == null) {
            return Result.rejected(RejectionReason.MISSING_FIELD, UploadColumn.NHS_NUMBER);
        }
        String nhsDigits = digits(nhs);
        if (nhsDigits == null) {
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
        String motherDigits = null;
        if (mother != null) {
            if (planType == PlanType.UCPP) {
                return Result.rejected(RejectionReason.FIELD_NOT_ALLOWED, UploadColumn.MOTHER_NHS_NUMBER);
            }
            motherDigits = digits(mother);
            if (motherDigits == null || motherDigits.equals(nhsDigits)) {
                return Result.rejected(RejectionReason.INVALID_NHS_NUMBER, UploadColumn.MOTHER_NHS_NUMBER);
            }
        }
        String worker = field(fields, UploadColumn.ALLOCATED_WORKER);
        if (worker != null && !isEmail(worker)) {
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
        LocalDate date = isoDate(value);
        return date == null
                ? new DateField(null, Result.rejected(RejectionReason.INVALID_DATE, column))
                : new DateField(date, null);
    }

    // The checks below are written out by hand rather than with LocalDate.parse, a regular expression and
    // Character.isISOControl: on a 500,000-line file those took most of the hub's time (docs/benchmarks.md).

    /** yyyy-MM-dd exactly, a real calendar date (as ISO_LOCAL_DATE parses a 10-character value), or null. */
    static LocalDate isoDate(String value) {
        if (value.length() != 10 || value.charAt(4) != '-' || value.charAt(7) != '-') {
            return null;
        }
        int year = number(value, 0, 4);
        int month = number(value, 5, 7);
        int day = number(value, 8, 10);
        if (year < 0 || month < 1 || month > 12 || day < 1) {
            return null;
        }
        if (day > 28 && day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        return LocalDate.of(year, month, day);
    }

    private static int number(String value, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** The 10 digits of a valid NHS number (spaces allowed in the input), or null. */
    private static String digits(String value) {
        try {
            return NhsNumber.of(value).value();
        } catch (InvalidIdentifierException e) {
            return null;
        }
    }

    /** Control characters (C0, DEL, C1), U+FFFD (what a byte that is not UTF-8 decodes to), line separators. */
    static boolean hasForbiddenCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || (c >= 0x7f && (c <= 0x9f || c == '\uFFFD' || c == '\u2028' || c == '\u2029'))) {
                return true;
            }
        }
        return false;
    }

    /** The same as matching [A-Za-z0-9._%+'-]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+ */
    static boolean isEmail(String value) {
        int at = value.indexOf('@');
        if (at < 1 || at > 64) {
            return false;
        }
        for (int i = 0; i < at; i++) {
            char c = value.charAt(i);
            if (!(isLetterOrDigit(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '\'' || c == '-')) {
                return false;
            }
        }
        int labels = 0;
        int labelLength = 0;
        for (int i = at + 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '.') {
                if (labelLength == 0) {
                    return false;
                }
                labels++;
                labelLength = 0;
            } else if (isLetterOrDigit(c) || c == '-') {
                labelLength++;
            } else {
                return false;
            }
        }
        return labels >= 1 && labelLength > 0;
    }

    private static boolean isLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
