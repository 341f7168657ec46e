package org.cpis.uploads;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    // ISO 8601 calendar dates only, exactly yyyy-MM-dd (ASCII digits): year, month and day at fixed places.
    private static final Pattern ISO_DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    // docs/interfaces.md section 3: the allocated worker's e-mail address,
    // [A-Za-z0-9._%+'-]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+
    // written with possessive quantifiers: no part can match what the next begins with ('@', '.'), so the same
    // addresses match, without backtracking. \p{Alnum} is ASCII A-Za-z0-9 (no UNICODE_CHARACTER_CLASS flag), checked by
    // one table lookup a character where three ranges take three tests (measured with the matchers' reuse below: the
    // row checks a third faster).
    private static final Pattern EMAIL =
            Pattern.compile("[\\p{Alnum}._%+'-]{1,64}+@[\\p{Alnum}-]++(?:\\.[\\p{Alnum}-]++)++");

    private final int[] index; // by UploadColumn ordinal: position in the line, or -1 if the header lacks it
    private final int fieldCount;
    private final LocalDate today;
    // One validator checks one file's lines in turn, so its matchers are reset for each value, not made anew.
    private final Matcher date = ISO_DATE.matcher("");
    private final Matcher email = EMAIL.matcher("");

    RowValidator(int[] index, int fieldCount, LocalDate today) {
        this.index = index;
        this.fieldCount = fieldCount;
        this.today = today;
    }

    Result validate(int line, String[] fields) {
        if (fields.length != fieldCount) {
            return Result.rejected(RejectionReason.WRONG_NUMBER_OF_FIELDS, null);
        }
        try {
            checkLengthsAndCharacters(fields);
            String nhsNumber = nhsNumber(UploadColumn.NHS_NUMBER, required(fields, UploadColumn.NHS_NUMBER));
            String familyName = required(fields, UploadColumn.FAMILY_NAME);
            String givenNames = required(fields, UploadColumn.GIVEN_NAMES);
            PlanType planType = planType(fields);
            LocalDate dob = dateOfBirth(fields);
            LocalDate start = requiredDate(fields, UploadColumn.START_DATE);
            check(!start.isAfter(today), RejectionReason.START_IN_FUTURE, UploadColumn.START_DATE);
            LocalDate end = date(fields, UploadColumn.END_DATE);
            check(end == null || !end.isBefore(start), RejectionReason.END_BEFORE_START, UploadColumn.END_DATE);
            LocalDate delete = date(fields, UploadColumn.DELETE_DATE);
            LocalDate due = expectedDelivery(fields, planType);
            String mother = mother(fields, planType, nhsNumber);
            String worker = worker(fields);
            checkAge(planType, dob, delete);
            return new Result(
                    new RecordRow(
                            line,
                            nhsNumber,
                            planType,
                            field(fields, UploadColumn.LOCAL_ID),
                            familyName,
                            givenNames,
                            dob,
                            start,
                            end,
                            delete,
                            due,
                            mother,
                            worker),
                    null);
        } catch (Rejected rejected) {
            return Result.rejected(rejected.reason, rejected.column);
        }
    }

    private void checkLengthsAndCharacters(String[] fields) {
        for (UploadColumn column : COLUMNS) {
            int i = index[column.ordinal()];
            if (i >= 0) {
                String value = fields[i];
                check(
                        value.length() <= column.maxLength() || value.strip().length() <= column.maxLength(),
                        column.whenTooLong(),
                        column);
                check(!hasForbiddenCharacter(value), RejectionReason.INVALID_CHARACTERS, column);
            }
        }
    }

    private PlanType planType(String[] fields) {
        String code = required(fields, UploadColumn.PLAN_TYPE);
        return PlanType.fromCode(code)
                .orElseThrow(() -> new Rejected(RejectionReason.UNKNOWN_PLAN_TYPE, UploadColumn.PLAN_TYPE));
    }

    private LocalDate dateOfBirth(String[] fields) {
        LocalDate dob = requiredDate(fields, UploadColumn.DATE_OF_BIRTH);
        check(
                !dob.isAfter(today) && !dob.isBefore(EARLIEST_BIRTH),
                RejectionReason.INVALID_DATE,
                UploadColumn.DATE_OF_BIRTH);
        return dob;
    }

    private LocalDate expectedDelivery(String[] fields, PlanType planType) {
        LocalDate due = date(fields, UploadColumn.EXPECTED_DELIVERY_DATE);
        if (planType == PlanType.UCPP) {
            check(due != null, RejectionReason.EXPECTED_DELIVERY_DATE_REQUIRED, UploadColumn.EXPECTED_DELIVERY_DATE);
        } else {
            check(due == null, RejectionReason.FIELD_NOT_ALLOWED, UploadColumn.EXPECTED_DELIVERY_DATE);
        }
        return due;
    }

    /** A newborn's plan may name its mother, whose UCPP it then ends; an unborn child's plan is the mother's own. */
    private String mother(String[] fields, PlanType planType, String childNhsNumber) {
        String mother = field(fields, UploadColumn.MOTHER_NHS_NUMBER);
        if (mother == null) {
            return null;
        }
        check(planType != PlanType.UCPP, RejectionReason.FIELD_NOT_ALLOWED, UploadColumn.MOTHER_NHS_NUMBER);
        String digits = nhsNumber(UploadColumn.MOTHER_NHS_NUMBER, mother);
        check(!digits.equals(childNhsNumber), RejectionReason.INVALID_NHS_NUMBER, UploadColumn.MOTHER_NHS_NUMBER);
        return digits;
    }

    private String worker(String[] fields) {
        String worker = field(fields, UploadColumn.ALLOCATED_WORKER);
        if (worker == null) {
            return null;
        }
        check(email.reset(worker).matches(), RejectionReason.INVALID_EMAIL, UploadColumn.ALLOCATED_WORKER);
        return worker.toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * A child's plan ends at 18 (spec section 2); a plan for someone already 18 is not accepted, except to withdraw a
     * record made in error.
     */
    private void checkAge(PlanType planType, LocalDate dob, LocalDate delete) {
        boolean withdrawal = delete != null && !delete.isAfter(today);
        check(
                planType == PlanType.UCPP || today.isBefore(RecordRules.eighteenthBirthday(dob)) || withdrawal,
                RejectionReason.AGED_18_OR_OVER,
                UploadColumn.DATE_OF_BIRTH);
    }

    private String field(String[] fields, UploadColumn column) {
        int i = index[column.ordinal()];
        if (i < 0) {
            return null;
        }
        String value = fields[i].strip();
        return value.isEmpty() ? null : value;
    }

    private String required(String[] fields, UploadColumn column) {
        String value = field(fields, column);
        check(value != null, RejectionReason.MISSING_FIELD, column);
        return value;
    }

    private LocalDate requiredDate(String[] fields, UploadColumn column) {
        return isoDate(required(fields, column), column);
    }

    private LocalDate date(String[] fields, UploadColumn column) {
        String value = field(fields, column);
        return value == null ? null : isoDate(value, column);
    }

    /**
     * The expression checks the shape, so the three numbers are at fixed places, and {@link LocalDate#of} judges the
     * date (no 30 February). Measured: {@code LocalDate.parse} took a third of the hub's time on a large file, for the
     * same answers.
     */
    private LocalDate isoDate(String value, UploadColumn column) {
        check(date.reset(value).matches(), RejectionReason.INVALID_DATE, column);
        try {
            return LocalDate.of(number(value, 0, 4), number(value, 5, 7), number(value, 8, 10));
        } catch (DateTimeException e) {
            throw new Rejected(RejectionReason.INVALID_DATE, column);
        }
    }

    private static int number(String date, int from, int to) {
        return Integer.parseInt(date, from, to, 10);
    }

    /** The 10 digits of a valid NHS number (spaces allowed in the input). */
    private static String nhsNumber(UploadColumn column, String value) {
        try {
            return NhsNumber.of(value).value();
        } catch (InvalidIdentifierException e) {
            throw new Rejected(RejectionReason.INVALID_NHS_NUMBER, column);
        }
    }

    /** Control characters (C0, DEL, C1), U+FFFD (what a byte that is not UTF-8 decodes to), line separators. */
    static boolean hasForbiddenCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || c == '\uFFFD' || c == '\u2028' || c == '\u2029') {
                return true;
            }
        }
        return false;
    }

    private static void check(boolean ok, RejectionReason reason, UploadColumn column) {
        if (!ok) {
            throw new Rejected(reason, column);
        }
    }

    /** The first problem of a line; ends its checks. Rejected lines are expected input, so no stack trace. */
    private static final class Rejected extends RuntimeException {
        private final transient RejectionReason reason;
        private final transient UploadColumn column;

        Rejected(RejectionReason reason, UploadColumn column) {
            super(null, null, false, false);
            this.reason = reason;
            this.column = column;
        }
    }
}
