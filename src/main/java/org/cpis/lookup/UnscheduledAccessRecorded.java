package org.cpis.lookup;

import java.time.Instant;
import java.util.List;
import org.cpis.organisations.CareSettingType;
import org.cpis.records.VisibleRecord;
import org.cpis.shared.NhsNumber;
import org.cpis.shared.OdsCode;

/**
 * Published inside the lookup's transaction when an unscheduled access found records, so that what each responsible
 * LA must be told is written in that same transaction (spec section 5): an access without its notification cannot
 * exist.
 */
public record UnscheduledAccessRecorded(
        long accessId,
        NhsNumber nhsNumber,
        List<VisibleRecord> records,
        Instant accessedAt,
        String actorName,
        String actorRole,
        OdsCode organisation,
        String organisationName,
        CareSettingType careSettingType,
        String traceId) {}
