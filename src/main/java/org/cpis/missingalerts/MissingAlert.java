package org.cpis.missingalerts;

import java.time.Instant;
import java.util.UUID;
import org.cpis.shared.NhsNumber;
import org.cpis.shared.OdsCode;

/**
 * A health professional's report that a child is on a plan CP-IS does not show, as the LA's data manager sees it. Holds
 * contact details and a short note from the reporter; never clinical information.
 *
 * @param reporterRole the reporter's {@link org.cpis.identity.Role} name
 */
public record MissingAlert(
        UUID id,
        OdsCode localAuthority,
        NhsNumber nhsNumber,
        String reporterName,
        String reporterRole,
        OdsCode reporterOrganisation,
        String reporterOrganisationName,
        String contactPhone,
        String contactEmail,
        String note,
        Status status,
        String resolvedBy,
        Instant resolvedAt,
        Instant createdAt) {

    public enum Status {
        OPEN,
        RESOLVED
    }
}
