package org.cpis.records;

import java.time.LocalDate;
import java.util.UUID;
import org.cpis.shared.OdsCode;

/** The plans CP-IS holds. */
public interface Records {

    /** Starts loading an upload's rows for a local authority; must be called inside a transaction. */
    RecordBatch startBatch(OdsCode localAuthority, UUID uploadId);

    /** An LA's own records, newest first, optionally narrowed to an NHS number or the LA's local id. */
    RecordPage search(OdsCode localAuthority, String nhsNumberOrLocalId, int page, int pageSize);

    /** The people an LA holds a record for (visible or not yet purged): its privacy officer's scope (issue 12). */
    java.util.List<org.cpis.shared.NhsNumber> heldBy(OdsCode localAuthority);

    /** Removes every record no longer visible on that date, with its personal data; returns how many. */
    int purge(LocalDate today);
}
