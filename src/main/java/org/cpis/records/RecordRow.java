package org.cpis.records;

import java.time.LocalDate;
import org.cpis.shared.PlanType;

/**
 * A validated plan as an LA sent it, ready to be stored. NHS numbers are the 10 digits, already checked.
 *
 * @param line the line of the upload file the row came from
 */
public record RecordRow(
        int line,
        String nhsNumber,
        PlanType planType,
        String localId,
        String familyName,
        String givenNames,
        LocalDate dateOfBirth,
        LocalDate startDate,
        LocalDate endDate,
        LocalDate deleteDate,
        LocalDate expectedDeliveryDate,
        String motherNhsNumber,
        String allocatedWorker) {}
