package org.cpis.records;

import org.cpis.shared.NhsNumber;
import org.cpis.shared.PlanType;

/**
 * {@code records.record}'s primary key: the NHS number, the holding LA's number and the plan type packed into one
 * positive bigint, in that order, so one person's plans across LAs are one key range (migration V2026.11.22.15).
 */
final class RecordKeys {

    private static final int NHS_SHIFT = 29;
    private static final int MAX_HOLDER = (1 << 27) - 1;

    private RecordKeys() {}

    static long of(long nhsNumber, int holder, PlanType type) {
        if (holder < 1 || holder > MAX_HOLDER || nhsNumber < 0 || nhsNumber > 9_999_999_999L) {
            throw new IllegalArgumentException("record key out of range");
        }
        return nhsNumber << NHS_SHIFT | (long) holder << 2 | planBits(type);
    }

    static long of(String nhsDigits, int holder, PlanType type) {
        return of(Long.parseLong(nhsDigits), holder, type);
    }

    /** The key without the holder (below 2^36): within one LA's keys it sorts the same. */
    static long withinHolder(long key) {
        return (key >>> NHS_SHIFT) << 2 | (key & 3);
    }

    /** The first key of this person's range. */
    static long first(NhsNumber nhsNumber) {
        return Long.parseLong(nhsNumber.value()) << NHS_SHIFT;
    }

    /** The last key of this person's range. */
    static long last(NhsNumber nhsNumber) {
        return first(nhsNumber) | ((1L << NHS_SHIFT) - 1);
    }

    // Fixed here, not the enum's ordinal: stored keys must not change if the enum is ever reordered.
    private static int planBits(PlanType type) {
        return switch (type) {
            case CPP -> 0;
            case LAC -> 1;
            case UCPP -> 2;
        };
    }
}
