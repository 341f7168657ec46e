package org.cpis.notifications;

import java.time.Instant;
import java.util.UUID;
import org.cpis.shared.OdsCode;

/**
 * What an LA is told about an unscheduled access to a child it holds a plan for. Never clinical information: who,
 * when, where, and the child as the LA knows them.
 *
 * @param cursor position in the LA's pull API feed
 * @param accessCount accesses from the same organisation within the grouping window
 */
public record Notification(
        long cursor,
        UUID id,
        OdsCode localAuthority,
        String nhsNumber,
        String localIds,
        String planTypes,
        Instant firstAccessedAt,
        Instant lastAccessedAt,
        int accessCount,
        String accessedByName,
        String accessedByRole,
        OdsCode organisation,
        String organisationName,
        String careSettingType,
        String allocatedWorker,
        Queue queue,
        Status status,
        Instant escalatedAt,
        Instant acknowledgedAt,
        String reviewedBy,
        Boolean contactedSetting,
        String outcomeNote,
        Instant closedAt,
        Instant createdAt) {

    /** Stored as these names. */
    public enum Status {
        UNREVIEWED,
        CLOSED
    }

    /** Who in the LA sees it first: the allocated social worker, or the MASH queue when none is allocated. */
    public enum Queue {
        SOCIAL_WORKER,
        MASH
    }

    /** One access counted on a notification: who looked and when (a grouped notification lists each). */
    public record AccessedBy(Instant at, String name, String role) {}

    public boolean unreviewed() {
        return status == Status.UNREVIEWED;
    }
}
