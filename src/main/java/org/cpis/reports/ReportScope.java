package org.cpis.reports;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cpis.identity.Actor;
import org.cpis.identity.Role;
import org.cpis.shared.EnglandDate;
import org.cpis.shared.OdsCode;

/**
 * Whose figures a report shows and over which period. An administrator sees every LA (national); an LA's data manager
 * and duty team see their own LA only. The period is the last twelve calendar months in England, this one included.
 */
record ReportScope(
        Optional<OdsCode> la, String laName, LocalDate today, YearMonth firstMonth, Instant from, Instant to) {

    static final int MONTHS = 12;

    static ReportScope of(Actor actor, Clock clock) {
        LocalDate today = EnglandDate.today(clock);
        YearMonth first = YearMonth.from(today).minusMonths(MONTHS - 1);
        Instant from = first.atDay(1).atStartOfDay(EnglandDate.ENGLAND).toInstant();
        Instant to = today.plusDays(1).atStartOfDay(EnglandDate.ENGLAND).toInstant();
        Optional<OdsCode> la =
                actor.role() == Role.ADMINISTRATOR ? Optional.empty() : Optional.of(actor.organisation());
        return new ReportScope(la, actor.organisationName(), today, first, from, to);
    }

    boolean national() {
        return la.isEmpty();
    }

    List<YearMonth> months() {
        List<YearMonth> months = new ArrayList<>(MONTHS);
        for (int i = 0; i < MONTHS; i++) {
            months.add(firstMonth.plusMonths(i));
        }
        return months;
    }

    String describe() {
        return national() ? "All local authorities in England" : laName;
    }
}
