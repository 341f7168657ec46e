package org.cpis.records;

import java.time.LocalDate;
import org.cpis.shared.NhsNumber;
import org.cpis.shared.OdsCode;
import org.cpis.shared.PlanType;

/**
 * A record as health staff may see it: the plan, its dates and who holds it. Names and the case worker stay with the
 * LA; the date of birth is only used to confirm the right person was found.
 *
 * @param endDate the date the plan ended (including the automatic end at 18), or null while open
 */
public record VisibleRecord(
        long id,
        NhsNumber nhsNumber,
        OdsCode localAuthority,
        PlanType planType,
        String localId,
        LocalDate dateOfBirth,
        LocalDate startDate,
        LocalDate endDate,
        LocalDate expectedDeliveryDate,
        String allocatedWorker) {}
