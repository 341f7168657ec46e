package org.cpis.identity;

import java.util.EnumSet;
import java.util.Set;
import org.cpis.organisations.OrganisationKind;

/**
 * What an identity may do in CP-IS. Every person and system holds exactly one role, bound to one organisation of the
 * kind the role belongs to; nothing is allowed that a role does not grant.
 */
public enum Role {
    UNSCHEDULED_CLINICIAN("Unscheduled-care clinician", false, OrganisationKind.HEALTH),
    SCHEDULED_CLINICIAN("Scheduled-care clinician", false, OrganisationKind.HEALTH),
    SOCIAL_WORKER("Social worker", false, OrganisationKind.LOCAL_AUTHORITY),
    DUTY_TEAM("Duty and advice team", false, OrganisationKind.LOCAL_AUTHORITY),
    MASH("Multi-agency safeguarding hub", false, OrganisationKind.LOCAL_AUTHORITY),
    LA_DATA_MANAGER("Local authority data manager", false, OrganisationKind.LOCAL_AUTHORITY),
    PRIVACY_OFFICER(
            "Privacy officer / Caldicott guardian",
            false,
            OrganisationKind.LOCAL_AUTHORITY,
            OrganisationKind.HEALTH,
            OrganisationKind.OPERATOR),
    ADMINISTRATOR("Administrator", false, OrganisationKind.OPERATOR),
    LA_SYSTEM("Local authority case-management system", true, OrganisationKind.LOCAL_AUTHORITY),
    HEALTH_SYSTEM("Health system", true, OrganisationKind.HEALTH);

    private final String displayName;
    private final boolean system;
    private final Set<OrganisationKind> organisationKinds;

    Role(String displayName, boolean system, OrganisationKind first, OrganisationKind... rest) {
        this.displayName = displayName;
        this.system = system;
        this.organisationKinds = EnumSet.of(first, rest);
    }

    public String displayName() {
        return displayName;
    }

    /** Held by API clients (client credentials), never by a person. */
    public boolean system() {
        return system;
    }

    public boolean allowedFor(OrganisationKind kind) {
        return organisationKinds.contains(kind);
    }

    /** The Spring Security authority for this role. */
    public String authority() {
        return "ROLE_" + name();
    }
}
