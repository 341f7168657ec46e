package org.cpis.organisations;

public enum OrganisationKind {
    LOCAL_AUTHORITY("Local authority"),
    HEALTH("Health"),
    /** The body that runs the hub; its administrators and privacy officers belong to it. */
    OPERATOR("Operator");

    private final String displayName;

    OrganisationKind(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
