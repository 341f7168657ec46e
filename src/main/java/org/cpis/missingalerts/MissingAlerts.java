package org.cpis.missingalerts;

import java.util.List;
import java.util.UUID;
import org.cpis.identity.Actor;
import org.cpis.shared.NhsNumber;
import org.cpis.shared.OdsCode;

/**
 * "Report a missing alert": a clinician who knows a child is on a plan that CP-IS does not show tells the responsible
 * LA, whose data managers check their case system and contact the reporter. Every report, view and resolution is
 * audited.
 */
public interface MissingAlerts {

    int MAX_NOTE = 1000;
    int MAX_PHONE = 30;
    int MAX_EMAIL = 254;

    /**
     * Files the report in the LA's data-manager queue, with the reporter's name, role and organisation.
     *
     * @throws org.springframework.security.access.AccessDeniedException unless the reporter is a clinician
     * @throws IllegalArgumentException if the LA is not registered, neither contact is given, or a field is too long
     */
    MissingAlert report(Actor reporter, Report report);

    /** The reporter's LA, what they know and how to reach them (at least one of phone and e-mail). */
    record Report(OdsCode localAuthority, NhsNumber nhsNumber, String contactPhone, String contactEmail, String note) {}

    /**
     * The data manager's own LA's open reports (oldest first) and the most recently resolved ones.
     *
     * @throws org.springframework.security.access.AccessDeniedException unless the actor is an LA data manager
     */
    Queue queue(Actor dataManager, int resolvedLimit);

    record Queue(List<MissingAlert> open, List<MissingAlert> resolved) {}

    /**
     * Marks a report of the data manager's own LA resolved; resolving a resolved one changes nothing.
     *
     * @return false if the data manager's LA has no such report
     */
    boolean resolve(Actor dataManager, UUID id);
}
