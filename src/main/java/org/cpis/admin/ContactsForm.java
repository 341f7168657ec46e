package org.cpis.admin;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.cpis.organisations.ContactFormats;
import org.cpis.organisations.RegistryEntry;

/** The LA data manager's own contact details: what clinicians are told to ring, and where the e-mail backup goes. */
record ContactsForm(
        @NotBlank(message = "Enter the emergency duty (out of hours) number")
        @Pattern(regexp = ContactFormats.PHONE, message = OrganisationForm.PHONE)
        String emergencyDutyPhone,

        @Pattern(regexp = ContactFormats.PHONE, message = OrganisationForm.PHONE)
        String officeHoursPhone,

        @Pattern(regexp = ContactFormats.EMAIL, message = OrganisationForm.EMAIL)
        String dutyTeamEmail) {

    static final String[] FIELDS = {"emergencyDutyPhone", "officeHoursPhone", "dutyTeamEmail"};

    ContactsForm {
        emergencyDutyPhone = OrganisationForm.blankToNull(emergencyDutyPhone);
        officeHoursPhone = OrganisationForm.blankToNull(officeHoursPhone);
        dutyTeamEmail = OrganisationForm.blankToNull(dutyTeamEmail);
    }

    static ContactsForm of(RegistryEntry la) {
        return new ContactsForm(la.emergencyDutyPhone(), la.officeHoursPhone(), la.dutyTeamEmail());
    }
}
