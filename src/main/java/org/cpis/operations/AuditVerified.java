package org.cpis.operations;

import java.time.Instant;

/**
 * Published (as a Spring application event) by whatever verifies the audit trail's hash chain, after each run; the
 * operators' metrics show the last result ({@code cpis_audit_verification_*}, docs/operations.md).
 *
 * @param firstMismatchId the id of the first entry that does not match the chain, or -1 when all do
 */
public record AuditVerified(Instant verifiedAt, long firstMismatchId) {}
