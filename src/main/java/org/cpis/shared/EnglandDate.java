package org.cpis.shared;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Plans, birthdays and retention are dates in England, so "today" is the date in Europe/London even though the clock
 * and every stored timestamp are UTC (just after midnight in summer, UTC is still on yesterday).
 */
public final class EnglandDate {

    public static final ZoneId ENGLAND = ZoneId.of("Europe/London");

    private EnglandDate() {}

    public static LocalDate today(Clock clock) {
        return LocalDate.now(clock.withZone(ENGLAND));
    }
}
