package org.cpis.audit;

import org.cpis.shared.NhsNumber;

/**
 * One audited read or write of personal data.
 *
 * @param subject whose data, if a person's: stored only as a keyed hash
 * @param subjectRef a non-personal reference such as an upload id or record id
 * @param detail non-personal detail (counts, reasons); never names, NHS numbers or clinical information
 */
public record AuditEntry(
        String actorId,
        String actorRole,
        String actorOrganisation,
        String action,
        NhsNumber subject,
        String subjectRef,
        String outcome,
        String traceId,
        String detail) {}
