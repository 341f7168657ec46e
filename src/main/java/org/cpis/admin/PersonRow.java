package org.cpis.admin;

import org.cpis.identity.IdentityAdministration.PersonSummary;
import org.cpis.shared.web.ViewFormat;

/** A person as the administrator's pages show them. */
record PersonRow(
        String username,
        String displayName,
        String email,
        String role,
        String organisation,
        boolean enabled,
        String signIn,
        String lastSignedIn) {

    static PersonRow of(PersonSummary p) {
        return new PersonRow(
                p.username(),
                p.displayName(),
                p.email(),
                p.role().displayName(),
                p.organisation().value(),
                p.enabled(),
                p.oidcIssuer() == null ? "Password" : "OpenID Connect (" + p.oidcIssuer() + ")",
                p.lastSignedInAt() == null ? "Never" : ViewFormat.dateTime(p.lastSignedInAt()));
    }
}
