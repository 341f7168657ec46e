package org.cpis.uploads;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.cpis.shared.OdsCode;

/** Counts of LAs' uploads and rejected lines, for the reports and the operators' metrics. Never a line's content. */
public interface UploadFigures {

    /** Uploads received in [from, to) per LA: files by status and lines received, rejected, and rejected for their NHS number. */
    List<LaUploads> perLa(Optional<OdsCode> la, Instant from, Instant to);

    /** Lines rejected in uploads received in [from, to), per LA and reason. */
    List<ReasonCount> rejectionReasons(Optional<OdsCode> la, Instant from, Instant to);

    /** Every upload ever received, by status. */
    List<StatusCount> byStatus();

    record LaUploads(
            OdsCode la,
            long uploads,
            long allLoaded,
            long partiallyLoaded,
            long noneLoaded,
            long malformed,
            long linesReceived,
            long linesRejected,
            long invalidNhsNumbers) {}

    record ReasonCount(OdsCode la, RejectionReason reason, long lines) {}

    record StatusCount(UploadStatus status, long uploads) {}
}
