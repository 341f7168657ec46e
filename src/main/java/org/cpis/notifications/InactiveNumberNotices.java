package org.cpis.notifications;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.cpis.shared.NhsNumber;
import org.cpis.shared.OdsCode;

/**
 * Inactive NHS number notices to the LAs holding the number (issue 18): in the LA's pull API beside access
 * notifications, posted to its webhook and e-mailed to its duty mailbox by the same deliveries. MESH is the mesh
 * module's own (it queues REPC_MT000005GB01 with the notice's id).
 */
public interface InactiveNumberNotices {

    /**
     * An administrator's mark, as one holding LA is to be told it.
     *
     * @param newNhsNumber null when not known
     */
    record Mark(
            OdsCode localAuthority,
            NhsNumber nhsNumber,
            InactiveNumberNotice.Status status,
            NhsNumber newNhsNumber,
            List<String> localIds,
            List<String> planTypes,
            Instant markedAt) {}

    /**
     * Writes the notice and its deliveries in the caller's transaction, which must exist, so that the mark and the
     * notice commit together.
     *
     * @return the new notice's id; empty when the LA's latest notice for the number already says the same
     */
    Optional<UUID> tell(Mark mark);

    /** @return false if the LA has no such notice */
    boolean acknowledge(OdsCode localAuthority, UUID id, String by);

    /** The LA's most recent notices, newest first, for its own page. */
    List<InactiveNumberNotice> recent(OdsCode localAuthority, int limit);
}
