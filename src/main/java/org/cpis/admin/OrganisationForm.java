package org.cpis.admin;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Locale;
import org.cpis.organisations.CareSettingType;
import org.cpis.organisations.ContactFormats;
import org.cpis.organisations.OrganisationKind;
import org.cpis.organisations.RegistryEntry;
import org.cpis.shared.OdsCode;
import org.springframework.validation.Errors;

/** The administrator's form for one organisation; blank fields are absent. */
record OrganisationForm(
        @Pattern(regexp = "[A-Za-z0-9]{3,10}", message = "Enter an ODS code of 3 to 10 letters and digits")
        String odsCode,

        OrganisationKind kind,

        @NotBlank(message = "Enter the organisation's name")
        @Size(max = 200, message = "Name must be 200 characters or fewer")
        String name,

        CareSettingType careSettingType,

        @Pattern(regexp = ContactFormats.PHONE, message = PHONE)
        String phone,

        @Pattern(regexp = ContactFormats.PHONE, message = PHONE)
        String emergencyDutyPhone,

        @Pattern(regexp = ContactFormats.PHONE, message = PHONE)
        String officeHoursPhone,

        @Pattern(regexp = ContactFormats.EMAIL, message = EMAIL)
        String dutyTeamEmail,

        @Pattern(regexp = ContactFormats.EMAIL, message = EMAIL)
        String mashEmail) {

    static final String PHONE = "Enter a phone number in digits and spaces, like 0121 303 1888";
    static final String EMAIL = "Enter an email address in the correct format, like duty@council.example";

    OrganisationForm {
        odsCode = blankToNull(odsCode);
        name = name == null ? null : name.strip();
        phone = blankToNull(phone);
        emergencyDutyPhone = blankToNull(emergencyDutyPhone);
        officeHoursPhone = blankToNull(officeHoursPhone);
        dutyTeamEmail = blankToNull(dutyTeamEmail);
        mashEmail = blankToNull(mashEmail);
    }

    static OrganisationForm empty() {
        return new OrganisationForm(null, null, null, null, null, null, null, null, null);
    }

    static OrganisationForm of(RegistryEntry e) {
        return new OrganisationForm(
                e.odsCode().value(),
                e.kind(),
                e.name(),
                e.careSettingType(),
                e.phone(),
                e.emergencyDutyPhone(),
                e.officeHoursPhone(),
                e.dutyTeamEmail(),
                e.mashEmail());
    }

    /**
     * The rules that depend on the kind: an LA needs its emergency duty number, a health organisation its type.
     *
     * @param existingKind the kind of the organisation being edited, or null when creating one
     */
    void check(Errors errors, OrganisationKind existingKind) {
        OrganisationKind k = existingKind != null ? existingKind : kind;
        if (existingKind == null && odsCode == null) {
            errors.rejectValue("odsCode", "required", "Enter the ODS code");
        }
        if (k == null || k == OrganisationKind.OPERATOR && existingKind == null) {
            errors.rejectValue("kind", "required", "Select the kind of organisation");
        }
        if (k == OrganisationKind.LOCAL_AUTHORITY && emergencyDutyPhone == null) {
            errors.rejectValue("emergencyDutyPhone", "required", "Enter the emergency duty (out of hours) number");
        }
        if (k == OrganisationKind.HEALTH && careSettingType == null) {
            errors.rejectValue("careSettingType", "required", "Select the type of care setting");
        }
    }

    RegistryEntry entry(OdsCode ods, OrganisationKind actualKind) {
        boolean la = actualKind == OrganisationKind.LOCAL_AUTHORITY;
        return new RegistryEntry(
                ods,
                actualKind,
                name,
                actualKind == OrganisationKind.HEALTH ? careSettingType : null,
                la ? null : phone,
                la ? emergencyDutyPhone : null,
                la ? officeHoursPhone : null,
                la ? dutyTeamEmail : null,
                la ? mashEmail : null,
                true,
                null);
    }

    OdsCode ods() {
        return OdsCode.of(odsCode.toUpperCase(Locale.ROOT));
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
