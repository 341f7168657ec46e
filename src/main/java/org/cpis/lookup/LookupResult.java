package org.cpis.lookup;

import java.util.List;
import org.cpis.organisations.LocalAuthority;
import org.cpis.records.VisibleRecord;

/**
 * What a lookup found: each visible record with its responsible LA's contact details, and the person's most recent
 * unscheduled accesses (newest first, at most 25), not counting this one.
 */
public record LookupResult(List<Alert> alerts, List<Access> previousAccesses, boolean unscheduled) {

    public boolean found() {
        return !alerts.isEmpty();
    }

    public record Alert(VisibleRecord record, LocalAuthority localAuthority) {}
}
