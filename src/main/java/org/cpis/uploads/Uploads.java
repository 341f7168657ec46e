package org.cpis.uploads;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.cpis.shared.OdsCode;

/** LA uploads of plans (docs/interfaces.md section 3). */
public interface Uploads {

    /**
     * The largest Upload-Sequence the hub takes, 2^53 - 1: the largest whole number every JSON reader holds exactly, so
     * the acknowledgement's {@code sequence} reads back as sent. A larger one is refused with 400.
     */
    long MAX_SEQUENCE = 9_007_199_254_740_991L;

    /**
     * Loads a file in one transaction: its valid rows and its acknowledgement are committed together or not at all.
     * A sequence already used returns that upload's stored acknowledgement and changes nothing.
     *
     * @throws UploadRejectedException for a sequence lower than the last one used or outside 1..{@link
     *     #MAX_SEQUENCE}, a counter at its maximum, or a file over the limits
     */
    Acknowledgement upload(UploadCommand command);

    /** The last sequence the LA used since its counter was last reset; 0 if none. */
    long lastSequence(OdsCode localAuthority);

    /**
     * An administrator's reset of the LA's Upload-Sequence counter, audited: the LA's next upload may use any sequence
     * from 1. Past uploads stay readable by id, but a past sequence is no longer a replay.
     *
     * @return the last sequence used before the reset
     */
    long resetSequence(OdsCode localAuthority, String resetBy, String resetterRole, String resetterOrganisation);

    /**
     * Records a file that could not be read at all (for a MESH file, not XML the hub can read) as MALFORMED under its
     * sequence, with the same lock, sequence checks, replay and audit as {@link #upload}; its body is not read.
     *
     * @throws UploadRejectedException for a sequence lower than the last one used
     */
    Acknowledgement unreadable(UploadCommand command, MalformedProblem problem);

    Optional<Acknowledgement> find(OdsCode localAuthority, UUID uploadId);

    List<UploadSummary> list(OdsCode localAuthority, int limit);

    List<Rejection> rejections(OdsCode localAuthority, UUID uploadId, int limit);
}
