package org.cpis.workbench;

import java.time.Instant;
import java.util.UUID;
import org.cpis.identity.Actor;
import org.cpis.identity.Role;
import org.cpis.notifications.Notification;
import org.cpis.shared.OdsCode;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;

/** Birmingham's staff and one notification, for the workbench's slice tests. */
final class WorkbenchFixtures {

    static final OdsCode BIRMINGHAM = new OdsCode("E08000025");

    private WorkbenchFixtures() {}

    static Authentication signedIn(Role role) {
        Actor actor =
                new Actor(role.name().toLowerCase(java.util.Locale.ROOT), "A. Person", role, BIRMINGHAM, "Birmingham");
        return new TestingAuthenticationToken(actor, null, "ROLE_" + role.name());
    }

    /** An ED access at 09:30 on 4 March 2026 (GMT), to a child Birmingham knows as L-1 and L-2. */
    static Notification notification(Notification.Status status) {
        Instant at = Instant.parse("2026-03-04T09:30:00Z");
        return new Notification(
                1,
                UUID.randomUUID(),
                BIRMINGHAM,
                "9990000018",
                "L-1,L-2",
                "CPP",
                at,
                at,
                1,
                "Dr A. Khan",
                "UNSCHEDULED_CLINICIAN",
                new OdsCode("RRK01"),
                "Northfield Hospital",
                "EMERGENCY_DEPARTMENT",
                null,
                Notification.Queue.MASH,
                status,
                null,
                null,
                null,
                null,
                null,
                status == Notification.Status.CLOSED ? at : null,
                at);
    }
}
