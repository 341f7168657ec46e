package org.cpis.admin;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Locale;
import org.cpis.identity.IdentityAdministration.NewPerson;
import org.cpis.identity.IdentityAdministration.PersonChange;
import org.cpis.identity.IdentityAdministration.PersonSummary;
import org.cpis.identity.Role;
import org.cpis.organisations.ContactFormats;
import org.cpis.shared.OdsCode;
import org.springframework.validation.Errors;

/** The administrator's form for one person; blank fields are absent. */
record PersonForm(
        @Pattern(
                regexp = "[a-z0-9._@-]{3,100}",
                message = "Enter a username of 3 to 100 lower-case letters, digits and . _ @ -")
        String username,

        @NotBlank(message = "Enter the person's full name")
        @Size(max = 200, message = "Name must be 200 characters or fewer")
        String displayName,

        @Pattern(regexp = ContactFormats.EMAIL, message = OrganisationForm.EMAIL)
        String email,

        @NotNull(message = "Select a role") Role role,

        @NotBlank(message = "Enter the ODS code of the person's organisation")
        @Pattern(regexp = "[A-Za-z0-9]{3,10}", message = "Enter an ODS code of 3 to 10 letters and digits")
        String organisation,

        @Size(min = 12, max = 200, message = "Enter a password of 12 characters or more")
        String password,

        @Pattern(regexp = "https://\\S{1,290}", message = "Enter the issuer as an https address")
        String oidcIssuer,

        @Size(max = 300, message = "Subject must be 300 characters or fewer")
        String oidcSubject,

        // A Boolean, so that a post without the field (an unchecked box, or a bare request) binds as not enabled
        // rather than failing to bind the whole form.
        Boolean enabled) {

    static final String[] FIELDS = {
        "username", "displayName", "email", "role", "organisation", "password", "oidcIssuer", "oidcSubject"
    };

    PersonForm {
        username = OrganisationForm.blankToNull(username);
        displayName = displayName == null ? null : displayName.strip();
        email = OrganisationForm.blankToNull(email);
        organisation = OrganisationForm.blankToNull(organisation);
        password = password == null || password.isEmpty() ? null : password;
        oidcIssuer = OrganisationForm.blankToNull(oidcIssuer);
        oidcSubject = OrganisationForm.blankToNull(oidcSubject);
        enabled = Boolean.TRUE.equals(enabled);
    }

    static PersonForm empty() {
        return new PersonForm(null, null, null, null, null, null, null, null, true);
    }

    static PersonForm of(PersonSummary p) {
        return new PersonForm(
                p.username(),
                p.displayName(),
                p.email(),
                p.role(),
                p.organisation().value(),
                null,
                p.oidcIssuer(),
                p.oidcSubject(),
                p.enabled());
    }

    void checkNew(Errors errors) {
        if (username == null) {
            errors.rejectValue("username", "required", "Enter a username");
        }
    }

    NewPerson newPerson() {
        return new NewPerson(username, displayName, email, role, ods(), password, oidcIssuer, oidcSubject);
    }

    PersonChange change() {
        return new PersonChange(displayName, email, role, ods(), enabled, oidcIssuer, oidcSubject);
    }

    private OdsCode ods() {
        return OdsCode.of(organisation.toUpperCase(Locale.ROOT));
    }
}
