package org.cpis.uploads;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

/**
 * What the hub answered to an upload, kept so that a replay gets the same answer and the LA can read it later.
 *
 * @param received data lines in the file; {@code loaded + rejected == received}
 * @param problem for a MALFORMED file, why it could not be read
 * @param recordsGz the per-line outcomes, a gzipped JSON array
 */
public record Acknowledgement(
        UUID uploadId,
        long sequence,
        UploadStatus status,
        MalformedProblem problem,
        int received,
        int loaded,
        int rejected,
        Instant receivedAt,
        byte[] recordsGz) {

    /** Streams the acknowledgement JSON of docs/interfaces.md section 3. */
    public void writeJson(OutputStream out) throws IOException {
        StringBuilder head = new StringBuilder(256);
        head.append("{\"uploadId\":\"").append(uploadId).append('"');
        head.append(",\"sequence\":").append(sequence);
        head.append(",\"status\":\"").append(status.name()).append('"');
        if (problem != null) {
            head.append(",\"problem\":\"").append(problem.name()).append('"');
        }
        head.append(",\"received\":").append(received);
        head.append(",\"loaded\":").append(loaded);
        head.append(",\"rejected\":").append(rejected);
        head.append(",\"receivedAt\":\"").append(receivedAt).append('"');
        head.append(",\"records\":");
        out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
        // Large buffers: a 500,000-line acknowledgement is 17 MB of JSON, inflated while the LA's client waits.
        try (InputStream records = new GZIPInputStream(new ByteArrayInputStream(recordsGz), 1 << 16)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = records.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
            }
        }
        out.write('}');
    }
}
