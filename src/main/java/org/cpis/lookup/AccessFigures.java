package org.cpis.lookup;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.cpis.shared.OdsCode;

/** Counts of health staff's accesses, for the reports. Never a person's data. */
public interface AccessFigures {

    /**
     * Accesses in [from, to) by the care-setting type of the organisation that looked, scheduled and unscheduled.
     * With {@code la}, only accesses to people that LA holds a plan for now (an access is kept while its person has
     * a record, so older ones are gone with the records the daily purge removed).
     */
    List<AccessCount> byCareSettingType(Optional<OdsCode> la, Instant from, Instant to);

    /** @param careSettingType a {@code CareSettingType} name, or null when the organisation had none */
    record AccessCount(String careSettingType, boolean unscheduled, long count) {}
}
