package org.cpis.lookup;

import java.time.LocalDate;
import org.cpis.identity.Actor;
import org.cpis.shared.NhsNumber;

/**
 * @param unscheduledHeader the caller's own statement (FHIR IsUnscheduledAccessEvent; absent means true); a
 *     scheduled-care role or setting is silent whatever it says
 * @param confirmDateOfBirth optional: when given and it matches no visible record, nothing is shown or recorded
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
