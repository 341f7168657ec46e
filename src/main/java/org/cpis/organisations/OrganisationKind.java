package org.cpis.organisations;

public enum OrganisationKind {
    LOCAL_AUTHORITY,
    HEALTH,
    /** The body that runs the hub; its administrators and privacy officers belong to it. */
    OPERATOR
}
