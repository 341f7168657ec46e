package org.cpis.admin;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Locale;
import org.cpis.identity.Role;
import org.cpis.shared.OdsCode;

/** A new API client: an LA's case system or a health system, bound to one organisation. */
record ApiClientForm(
        @NotBlank(message = "Enter a client ID")
        @Pattern(regexp = "[A-Za-z0-9._-]{3,100}", message = "Enter a client ID of 3 to 100 letters, digits and . _ -")
        String clientId,

        @NotBlank(message = "Enter the system's name")
        @Size(max = 200, message = "Name must be 200 characters or fewer")
        String name,

        @NotNull(message = "Select a role") Role role,

        @NotBlank(message = "Enter the ODS code of the system's organisation")
        @Pattern(regexp = "[A-Za-z0-9]{3,10}", message = "Enter an ODS code of 3 to 10 letters and digits")
        String organisation) {

    static final String[] FIELDS = {"clientId", "name", "role", "organisation"};

    ApiClientForm {
        clientId = OrganisationForm.blankToNull(clientId);
        name = name == null ? null : name.strip();
        organisation = OrganisationForm.blankToNull(organisation);
    }

    static ApiClientForm empty() {
        return new ApiClientForm(null, null, null, null);
    }

    OdsCode ods() {
        return OdsCode.of(organisation.toUpperCase(Locale.ROOT));
    }
}
