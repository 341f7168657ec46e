package org.cpis.records;

import java.time.LocalDate;
import java.time.Month;
import org.cpis.shared.PlanType;

/**
 * When an alert can be seen. Pure functions of a record's dates, so they are computed once when the record is written
 * and checked against today's date in England when it is read.
 */
public final class RecordRules {

    /** The seed guide's "remains for 364 days after the plan ends" (NHS England: "in the previous 365 days"). */
    public static final int DAYS_VISIBLE_AFTER_END = 364;

    /** An unborn child protection plan is shown until 28 days after the expected delivery date. */
    public static final int DAYS_VISIBLE_AFTER_EXPECTED_DELIVERY = 28;

    private RecordRules() {}

    /**
     * The day a person turns 18. Someone born on 29 February turns 18 on 1 March in a common year (Family Law Reform
     * Act 1969 s9: an age is attained at the start of the anniversary, and a common year has no 29 February).
     */
    public static LocalDate eighteenthBirthday(LocalDate dateOfBirth) {
        if (dateOfBirth.getMonth() == Month.FEBRUARY && dateOfBirth.getDayOfMonth() == 29) {
            LocalDate sameYear = dateOfBirth.plusYears(18);
            return sameYear.isLeapYear() ? sameYear : LocalDate.of(sameYear.getYear(), Month.MARCH, 1);
        }
        return dateOfBirth.plusYears(18);
    }

    /**
     * The date a plan ends, taking the automatic end of a child's plan at 18 into account; null while it is open. A
     * UCPP is held on the mother, whose age does not end it.
     */
    public static LocalDate effectiveEnd(PlanType type, LocalDate dateOfBirth, LocalDate endDate) {
        if (type == PlanType.UCPP) {
            return endDate;
        }
        LocalDate eighteen = eighteenthBirthday(dateOfBirth);
        return endDate == null || endDate.isAfter(eighteen) ? eighteen : endDate;
    }

    /**
     * The last day (inclusive) the alert is shown to health staff.
     *
     * <ul>
     *   <li>CPP and LAC: the effective end + 364 days. A child's plan always has an effective end (the 18th
     *       birthday), so every record has a last visible day and is eventually purged.
     *   <li>UCPP: expected delivery date + 28 days, or the end date if the plan ended sooner (for example when the
     *       baby's own plan starts); an ended unborn plan is not kept visible for a year, as no unborn child remains.
     *   <li>A delete date withdraws the record from the day before it, so a delete date of today or earlier hides it
     *       at once.
     * </ul>
     */
    public static LocalDate visibleUntil(
            PlanType type,
            LocalDate dateOfBirth,
            LocalDate endDate,
            LocalDate expectedDeliveryDate,
            LocalDate deleteDate) {
        LocalDate last;
        if (type == PlanType.UCPP) {
            last = expectedDeliveryDate.plusDays(DAYS_VISIBLE_AFTER_EXPECTED_DELIVERY);
            if (endDate != null && endDate.isBefore(last)) {
                last = endDate;
            }
        } else {
            last = effectiveEnd(type, dateOfBirth, endDate).plusDays(DAYS_VISIBLE_AFTER_END);
        }
        if (deleteDate != null && !deleteDate.minusDays(1).isAfter(last)) {
            last = deleteDate.minusDays(1);
        }
        return last;
    }

    public static boolean visibleOn(LocalDate today, LocalDate startDate, LocalDate visibleUntil) {
        return !today.isBefore(startDate) && !today.isAfter(visibleUntil);
    }
}
