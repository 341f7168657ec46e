package org.cpis.uploads;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.cpis.shared.OdsCode;

/** LA uploads of plans (docs/interfaces.md section 3). */
public interface Uploads {

    /**
     * Loads a file in one transaction: its valid rows and its acknowledgement are committed together or not at all.
     * A sequence already used returns that upload's stored acknowledgement and changes nothing.
     *
     * @throws UploadRejectedException for a sequence lower than the last one used, or a file over the limits
     */
    Acknowledgement upload(UploadCommand command);

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
