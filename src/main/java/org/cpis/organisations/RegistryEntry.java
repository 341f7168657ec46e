package org.cpis.organisations;

import java.time.LocalDate;
import org.cpis.shared.OdsCode;

/**
 * One organisation as the administrator's pages show and edit it, active or not, with every contact detail held.
 *
 * @param careSettingType health organisations only
 * @param phone a health organisation's switchboard
 * @param emergencyDutyPhone local authorities only, required for them (also officeHoursPhone, dutyTeamEmail,
 *     mashEmail)
 * @param contactsConfirmedOn when the LA's data manager last confirmed its contact details; null if never
 */
public record RegistryEntry(
        OdsCode odsCode,
        OrganisationKind kind,
        String name,
        CareSettingType careSettingType,
        String phone,
        String emergencyDutyPhone,
        String officeHoursPhone,
        String dutyTeamEmail,
        String mashEmail,
        boolean active,
        LocalDate contactsConfirmedOn) {

    /** One page of the registry, in kind and name order, and how many match in all. */
    public record Page(java.util.List<RegistryEntry> items, long total) {}
}
