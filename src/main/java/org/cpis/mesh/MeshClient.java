package org.cpis.mesh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hub's side of MESH's REST API (v2): handshake, inbox, download (chunked too), acknowledge, send (chunked when
 * large) and tracking. Each call is retried with doubling waits when MESH cannot be reached or answers 5xx/429; then
 * {@link MeshUnavailable} is thrown and the caller leaves the work for the next poll.
 */
@Component
class MeshClient {

    static final String ACCEPT = "application/vnd.mesh.v2+json";

    private final MeshProperties properties;
    private final Clock clock;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.shared();

    MeshClient(MeshProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                // HTTP/1.1 as MESH speaks it: the JDK's default asks plain-HTTP servers to upgrade to HTTP/2, which
                // MESH's own sandbox answers with 400.
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.requestTimeout())
                .sslContext(MeshTls.context(properties.tls()))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** A downloaded message: MESH's headers and the body, or no body when it was over the size limit. */
    record Downloaded(
            String messageId,
            String from,
            String workflowId,
            String localId,
            String messageType,
            String statusDescription,
            byte[] body,
            boolean tooLarge) {}

    void handshake() {
        call(request("")
                .POST(HttpRequest.BodyPublishers.noBody())
                .header("mex-ClientVersion", "cpis")
                .header("mex-OSName", System.getProperty("os.name"))
                .header("mex-OSVersion", System.getProperty("os.version")));
    }

    List<String> inbox() {
        JsonNode body = json.readTree(call(request("/inbox").GET()).body());
        List<String> ids = new ArrayList<>();
        body.path("messages").forEach(id -> ids.add(id.asString()));
        return ids;
    }

    Downloaded download(String messageId) {
        HttpResponse<byte[]> first = call(request("/inbox/" + messageId).GET());
        long limit = properties.maxMessageSize().toBytes();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        boolean tooLarge = !append(body, first.body(), limit);
        int chunks = chunkCount(first.headers().firstValue("mex-Chunk-Range").orElse("1:1"));
        for (int n = 2; n <= chunks && !tooLarge; n++) {
            tooLarge = !append(
                    body, call(request("/inbox/" + messageId + "/" + n).GET()).body(), limit);
        }
        byte[] bytes = body.toByteArray();
        if (!tooLarge && isGzip(first)) {
            bytes = gunzip(bytes, limit);
            tooLarge = bytes == null;
        }
        return new Downloaded(
                messageId,
                header(first, "mex-From"),
                header(first, "mex-WorkflowID"),
                header(first, "mex-LocalID"),
                first.headers().firstValue("mex-MessageType").orElse("DATA"),
                header(first, "mex-StatusDescription"),
                tooLarge ? null : bytes,
                tooLarge);
    }

    void acknowledge(String messageId) {
        call(request("/inbox/" + messageId + "/status/acknowledged").PUT(HttpRequest.BodyPublishers.noBody()));
    }

    /** Sends a message and returns MESH's message id; over {@code chunkSize} it goes in chunks. */
    String send(String to, String workflowId, String localId, String fileName, byte[] body) {
        int size = (int) properties.chunkSize().toBytes();
        int chunks = Math.max(1, (body.length + size - 1) / size);
        HttpResponse<byte[]> sent = call(outbound(request("/outbox"), chunk(body, 1, size), 1, chunks)
                .header("mex-To", to)
                .header("mex-WorkflowID", workflowId)
                .header("mex-LocalID", localId)
                .header("mex-FileName", fileName)
                .header("mex-Subject", fileName));
        String messageId = json.readTree(sent.body()).path("message_id").asString();
        for (int n = 2; n <= chunks; n++) {
            call(outbound(request("/outbox/" + messageId + "/" + n), chunk(body, n, size), n, chunks));
        }
        return messageId;
    }

    /** MESH's delivery status of a sent message ({@code accepted}, {@code acknowledged}, ...), if it knows it. */
    Optional<String> trackingStatus(String messageId) {
        HttpResponse<byte[]> response =
                call(request("/outbox/tracking?messageID=" + URLEncoder.encode(messageId, StandardCharsets.UTF_8))
                        .GET());
        String status = json.readTree(response.body()).path("status").asString("");
        return status.isEmpty() ? Optional.empty() : Optional.of(status.toLowerCase(java.util.Locale.ROOT));
    }

    private static HttpRequest.Builder outbound(HttpRequest.Builder request, byte[] chunk, int n, int chunks) {
        return request.POST(HttpRequest.BodyPublishers.ofByteArray(chunk))
                .header("Content-Type", "application/octet-stream")
                .header("mex-Chunk-Range", n + ":" + chunks);
    }

    private static byte[] chunk(byte[] body, int n, int size) {
        return Arrays.copyOfRange(body, (n - 1) * size, Math.min(body.length, n * size));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(
                        URI.create(properties.baseUrl() + "/messageexchange/" + properties.mailboxId() + path))
                .timeout(properties.requestTimeout())
                .header("Accept", ACCEPT)
                .header(
                        "Authorization",
                        MeshAuthorization.header(
                                properties.mailboxId(), properties.password(), properties.sharedKey(), clock));
    }

    /** Sends with retries; the request is rebuilt per attempt so each carries a fresh authorisation nonce. */
    private HttpResponse<byte[]> call(HttpRequest.Builder builder) {
        Duration wait = properties.firstRetry();
        String problem = null;
        for (int attempt = 1; attempt <= properties.attempts(); attempt++) {
            if (attempt > 1) {
                sleep(wait);
                wait = wait.multipliedBy(2);
            }
            HttpRequest request = builder.copy()
                    .setHeader(
                            "Authorization",
                            MeshAuthorization.header(
                                    properties.mailboxId(), properties.password(), properties.sharedKey(), clock))
                    .build();
            try {
                HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                int status = response.statusCode();
                if (status < 300) {
                    return response;
                }
                problem = "MESH answered " + status + " to " + request.method() + " " + pathOf(request);
                if (status < 500 && status != 429) {
                    throw new MeshRefused(status, problem);
                }
            } catch (IOException e) {
                problem = "MESH unreachable: " + e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MeshUnavailable("interrupted");
            }
        }
        throw new MeshUnavailable(problem);
    }

    /** The path without the mailbox's message ids' query, for errors (no personal data is ever in a MESH path). */
    private static String pathOf(HttpRequest request) {
        return request.uri().getPath();
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MeshUnavailable("interrupted");
        }
    }

    private static boolean append(ByteArrayOutputStream body, byte[] chunk, long limit) {
        if (body.size() + (long) chunk.length > limit) {
            return false;
        }
        body.writeBytes(chunk);
        return true;
    }

    static int chunkCount(String range) {
        String[] parts = range.split(":");
        try {
            return parts.length == 2 ? Math.max(1, Integer.parseInt(parts[1].trim())) : 1;
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static boolean isGzip(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Encoding").orElse("").equalsIgnoreCase("gzip")
                || response.headers()
                        .firstValue("mex-Content-Compressed")
                        .orElse("")
                        .equalsIgnoreCase("Y");
    }

    /** Inflates within the limit; null when the content would exceed it (a compression bomb is not inflated). */
    private static byte[] gunzip(byte[] bytes, long limit) {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (out.size() + (long) n > limit) {
                    return null;
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** MESH could not be reached or kept failing; nothing was changed on the hub's side. */
    static final class MeshUnavailable extends RuntimeException {
        MeshUnavailable(String message) {
            super(message);
        }
    }

    /** MESH refused the request (4xx other than 429): retrying the same request will not help. */
    static final class MeshRefused extends RuntimeException {
        private final int status;

        MeshRefused(int status, String message) {
            super(message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }
}
