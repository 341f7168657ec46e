package org.cpis.audit;

import java.util.Optional;

/** Verifies the audit chain and remembers the outcome (nightly job, the integrity page, the verify command). */
public interface AuditIntegrity {

    /** Seals what is due, recomputes the whole chain, records and reports the outcome; a break is logged and counted. */
    AuditVerification verifyNow();

    /** The most recent verification, if any has run. */
    Optional<AuditVerification> latest();
}
