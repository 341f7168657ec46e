package org.cpis.shared.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Function;
import org.cpis.shared.EnglandDate;

/**
 * How pages show values, in one place: NHS numbers in the 3-3-4 groups NHS staff read aloud, dates and times in
 * England's time zone in the NHS.UK style ("4 March 2026", "4 March 2026 at 14:05"), and codes by their display names.
 */
public final class ViewFormat {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);
    private static final DateTimeFormatter SHORT_DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK);
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("d MMMM yyyy 'at' HH:mm", Locale.UK).withZone(EnglandDate.ENGLAND);
    private static final DateTimeFormatter SHORT_DATE_TIME =
            DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.UK).withZone(EnglandDate.ENGLAND);
    private static final DateTimeFormatter DATE_TIME_SECONDS =
            DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm:ss", Locale.UK).withZone(EnglandDate.ENGLAND);

    /** Shown where a value was never recorded. */
    public static final String NOT_RECORDED = "Not recorded";

    private ViewFormat() {}

    /** "999 000 1014" for ten digits; anything else as it is (null stays null). */
    public static String nhsNumber(String digits) {
        return digits != null && digits.length() == 10
                ? digits.substring(0, 3) + " " + digits.substring(3, 6) + " " + digits.substring(6)
                : digits;
    }

    /** "4 March 2026"; empty for null. */
    public static String date(LocalDate date) {
        return date == null ? "" : DATE.format(date);
    }

    /** "4 Mar 2026", for dense tables; empty for null. */
    public static String shortDate(LocalDate date) {
        return date == null ? "" : SHORT_DATE.format(date);
    }

    /** "4 March 2026 at 14:05" in England; empty for null. */
    public static String dateTime(Instant instant) {
        return instant == null ? "" : DATE_TIME.format(instant);
    }

    /** "4 Mar 2026, 14:05" in England, for dense tables; empty for null. */
    public static String shortDateTime(Instant instant) {
        return instant == null ? "" : SHORT_DATE_TIME.format(instant);
    }

    /** "4 March 2026, 14:05:09" in England, where seconds tell two events apart; empty for null. */
    public static String dateTimeSeconds(Instant instant) {
        return instant == null ? "" : DATE_TIME_SECONDS.format(instant);
    }

    /**
     * A stored code (role, care-setting type, plan type) by its enum's display name: {@link #NOT_RECORDED} for null,
     * the code itself if the enum no longer knows it (an old row), so a page never fails on history.
     */
    public static <E extends Enum<E>> String codeName(String code, Class<E> type, Function<E, String> displayName) {
        if (code == null) {
            return NOT_RECORDED;
        }
        try {
            return displayName.apply(Enum.valueOf(type, code));
        } catch (IllegalArgumentException e) {
            return code;
        }
    }
}
