package org.cpis.notifications;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.cpis.shared.OdsCode;

/**
 * What an LA is told when an NHS number it holds a record for is found superseded or inactive (issue 18; over MESH the
 * Inactive NHS Number Notification, REPC_MT000005GB01). The child as the LA knows them, never clinical information.
 *
 * @param cursor position in the LA's pull API feed, shared with {@link Notification}s
 * @param newNhsNumber the number that replaces it, when known (superseded only)
 */
public record InactiveNumberNotice(
        long cursor,
        UUID id,
        OdsCode localAuthority,
        String nhsNumber,
        Status status,
        String newNhsNumber,
        List<String> localIds,
        List<String> planTypes,
        Instant markedAt,
        Instant acknowledgedAt,
        Instant createdAt) {

    /** What PDS would report of the number; stored as these names. */
    public enum Status {
        SUPERSEDED,
        INACTIVE
    }
}
