package org.cpis.audit;

/**
 * Published (a Spring application event) after every verification of the audit chain, whoever asked for it: the
 * nightly job, the integrity page, or {@code --cpis.command=verify-audit}. The operators' metrics show the last one
 * ({@code cpis_audit_verification_*}, docs/operations.md).
 */
public record AuditVerified(AuditVerification verification) {}
