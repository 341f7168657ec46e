package org.cpis.uploads;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.json.JsonMapper;

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

    private static final JsonMapper JSON =
            JsonMapper.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    /**
     * Streams the acknowledgement JSON of docs/interfaces.md section 3. The per-line outcomes were written as JSON by
     * Jackson when the file was loaded ({@code LineOutcomes}); their bytes are copied into place as they inflate, so a
     * 500,000-line acknowledgement is never held whole, parsed again nor decoded to characters.
     */
    public void writeJson(OutputStream out) throws IOException {
        try (JsonGenerator json = JSON.createGenerator(out);
                InputStream records = new GZIPInputStream(new ByteArrayInputStream(recordsGz), 1 << 16)) {
            json.writeStartObject();
            json.writeStringProperty("uploadId", uploadId.toString());
            json.writeNumberProperty("sequence", sequence);
            json.writeStringProperty("status", status.name());
            if (problem != null) {
                json.writeStringProperty("problem", problem.name());
            }
            json.writeNumberProperty("received", received);
            json.writeNumberProperty("loaded", loaded);
            json.writeNumberProperty("rejected", rejected);
            json.writeStringProperty("receivedAt", receivedAt.toString());
            json.writeName("records");
            json.writeRawValue(""); // the value's place (after its ':'); the array's own bytes follow
            json.flush();
            records.transferTo(out);
            json.writeEndObject();
        }
    }
}
