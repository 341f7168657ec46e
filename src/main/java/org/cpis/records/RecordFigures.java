package org.cpis.records;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.cpis.shared.OdsCode;
import org.cpis.shared.PlanType;

/** Counts of the plans CP-IS holds, for the reports and the operators' metrics. Never a person's data. */
public interface RecordFigures {

    /**
     * Plans held on a day (not yet purged), by LA and plan type: still open, and ended but still visible to health
     * staff. Only the given LA's when {@code la} is present; otherwise every LA's.
     */
    List<PlanCount> plansHeld(Optional<OdsCode> la, LocalDate today);

    record PlanCount(OdsCode la, PlanType planType, long open, long endedStillVisible) {

        public long total() {
            return open + endedStillVisible;
        }
    }
}
