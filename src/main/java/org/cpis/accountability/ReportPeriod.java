package org.cpis.accountability;

import java.time.Instant;
import java.time.LocalDate;
import org.cpis.shared.EnglandDate;

/** A report's period: whole days in England, from the first to the last inclusive. */
record ReportPeriod(LocalDate first, LocalDate last) {

    Instant from() {
        return first.atStartOfDay(EnglandDate.ENGLAND).toInstant();
    }

    Instant until() {
        return last.plusDays(1).atStartOfDay(EnglandDate.ENGLAND).toInstant();
    }

    String describe() {
        return first + " to " + last;
    }
}
