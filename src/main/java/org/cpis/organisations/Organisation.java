package org.cpis.organisations;

import org.cpis.shared.OdsCode;

/** Any registered organisation, as other modules need it: who it is and, for health, what kind of setting. */
public record Organisation(OdsCode odsCode, OrganisationKind kind, String name, CareSettingType careSettingType) {

    public boolean isLocalAuthority() {
        return kind == OrganisationKind.LOCAL_AUTHORITY;
    }

    public boolean isHealth() {
        return kind == OrganisationKind.HEALTH;
    }
}
