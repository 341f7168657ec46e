package org.cpis.lookup;

import java.util.List;
import org.cpis.identity.Actor;
import org.cpis.shared.NhsNumber;

/** The health lookup: by exact NHS number only; nobody can list or browse records. */
public interface Lookup {

    /**
     * Finds the visible records for the person and, if there are any, records the access in the same transaction
     * (and, for unscheduled care, what the responsible LAs must be told).
     *
     * @throws org.springframework.security.access.AccessDeniedException for a role that may not look up
     */
    LookupResult lookup(LookupRequest request);

    /** The 25 most recent unscheduled accesses (FHIR AuditEvent search); audited, but not itself an access. */
    List<Access> recentAccesses(Actor actor, NhsNumber nhsNumber, String traceId);

    /**
     * The 25 most recent unscheduled accesses, for the pages of an LA that holds a record for the person. Not an access
     * itself; the caller checks the LA holds the record and audits its own read.
     */
    List<Access> accessHistory(NhsNumber nhsNumber);

    static boolean mayLookUp(Actor actor) {
        return actor.hasRole(
                org.cpis.identity.Role.UNSCHEDULED_CLINICIAN,
                org.cpis.identity.Role.SCHEDULED_CLINICIAN,
                org.cpis.identity.Role.HEALTH_SYSTEM);
    }
}
