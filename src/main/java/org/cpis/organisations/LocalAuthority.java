package org.cpis.organisations;

import org.cpis.shared.OdsCode;

/**
 * A local authority with children's-services responsibility, with the contact details health staff are shown.
 *
 * @param emergencyDutyPhone the out-of-hours emergency duty team: required, as it is the number a clinician uses at night
 * @param dutyTeamEmail the duty &amp; advice team mailbox that receives the e-mail backup of notifications
 * @param mashEmail the multi-agency safeguarding hub mailbox
 */
public record LocalAuthority(
        OdsCode odsCode,
        String name,
        String emergencyDutyPhone,
        String officeHoursPhone,
        String dutyTeamEmail,
        String mashEmail) {}
