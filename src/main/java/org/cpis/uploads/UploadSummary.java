package org.cpis.uploads;

import java.time.Instant;
import java.util.UUID;

public record UploadSummary(
        UUID uploadId,
        long sequence,
        UploadStatus status,
        int received,
        int loaded,
        int rejected,
        Instant receivedAt,
        String submittedBy,
        UploadCommand.Channel channel) {}
