package org.cpis.lookup;

import java.time.LocalDate;
import org.cpis.identity.Actor;
import org.cpis.shared.NhsNumber;

/**
 * @param unscheduledHeader the caller's own statement (FHIR IsUnscheduledAccessEvent; absent means true); a
 *     scheduled-care role or setting is silent whatever it says
 * @param confirmDateOfBirth optional: the date of birth the clinician has. It never narrows what is found: a record
 *     whose date of birth differs is still found, recorded and notified, and the page says that it does not match
 */
public record LookupRequest(
        Actor actor,
        NhsNumber nhsNumber,
        boolean unscheduledHeader,
        LocalDate confirmDateOfBirth,
        Channel channel,
        String traceId) {

    public enum Channel {
        FHIR,
        WEB
    }
}
