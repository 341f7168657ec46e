package org.cpis.audit;

import java.util.List;
import org.cpis.shared.NhsNumber;

/** The append-only, tamper-evident audit trail. Entries join the caller's transaction: no action without its entry. */
public interface Audit {

    void record(AuditEntry entry);

    /** Many entries at once (the daily purge), in the caller's transaction. */
    void recordAll(List<AuditEntry> entries);

    /** The keyed one-way hash under which a person's audit entries are kept. */
    String subjectHash(NhsNumber nhsNumber);

    /** Seals unsealed entries older than a minute into the hash chain; returns how many. */
    int seal();

    /**
     * Adds entries older than a minute to the monthly rollup the organisation report reads, at most one batch; returns
     * how many entries it added (0: caught up).
     */
    int rollUp();

    /** Recomputes the chain over sealed entries; returns the id of the first entry that does not match, or -1. */
    long verify();
}
