package org.cpis.lookup;

import java.time.Instant;
import org.cpis.organisations.CareSettingType;
import org.cpis.shared.OdsCode;

/** One recorded access: who looked, from which organisation and kind of setting, and when. No clinical content. */
public record Access(
        long id,
        Instant accessedAt,
        String actorName,
        String actorRole,
        OdsCode organisation,
        String organisationName,
        CareSettingType careSettingType,
        boolean unscheduled) {}
