package org.cpis.mesh;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A MESH mailbox server for tests, written here from MESH's public API (fact sheet section 3): the NHSMESH
 * authorisation header (HMAC-SHA256 with the shared key, mailbox must match the path, nonces not reused, timestamp
 * within two hours), handshake, send (chunked), inbox, download (chunked, 206 + mex-Chunk-Range), acknowledge and
 * tracking. Faults can be switched on to play MESH being down or a call failing.
 */
final class MeshTestServer implements AutoCloseable {

    static final String SHARED_KEY = "TestKey";

    private static final Pattern PATH = Pattern.compile("/messageexchange/([^/]+)(/.*)?");

    /** A message in MESH: complete when all its chunks have arrived. */
    static final class Message {
        final String id = UUID.randomUUID().toString().replace("-", "").toUpperCase();
        final String from;
        final String to;
        final String workflowId;
        final String localId;
        final String fileName;
        final String type;
        final int chunkCount;
        final Map<Integer, byte[]> chunks = new LinkedHashMap<>();
        String status = "accepted";
        String statusDescription;

        Message(
                String from,
                String to,
                String workflowId,
                String localId,
                String fileName,
                String type,
                int chunkCount) {
            this.from = from;
            this.to = to;
            this.workflowId = workflowId;
            this.localId = localId;
            this.fileName = fileName;
            this.type = type;
            this.chunkCount = chunkCount;
        }

        boolean complete() {
            return chunks.size() == chunkCount;
        }

        byte[] body() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int n = 1; n <= chunkCount; n++) {
                out.writeBytes(chunks.get(n));
            }
            return out.toByteArray();
        }
    }

    private final HttpServer server;
    private final Map<String, String> passwords = new LinkedHashMap<>();
    private final Map<String, Message> messages = new LinkedHashMap<>();
    private final Set<String> nonces = new HashSet<>();
    private final List<String> requests = new ArrayList<>();
    private final AtomicInteger unavailableFor = new AtomicInteger();
    private final AtomicInteger failAcknowledgements = new AtomicInteger();
    private final AtomicInteger failSends = new AtomicInteger();

    MeshTestServer(String... mailboxes) {
        for (String mailbox : mailboxes) {
            passwords.put(mailbox, "password");
        }
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The next n requests are answered 503, as when MESH is down. */
    void unavailableFor(int n) {
        unavailableFor.set(n);
    }

    /** The next n acknowledgements fail with 500, after which the hub has applied a message it cannot acknowledge. */
    void failAcknowledgements(int n) {
        failAcknowledgements.set(n);
    }

    void failSends(int n) {
        failSends.set(n);
    }

    /** Puts a message into a mailbox as if another mailbox had sent it, in {@code chunks} pieces. */
    synchronized String deposit(String from, String to, String workflowId, String localId, byte[] body, int chunks) {
        Message m = new Message(from, to, workflowId, localId, "upload.xml", "DATA", chunks);
        int size = (body.length + chunks - 1) / chunks;
        for (int n = 1; n <= chunks; n++) {
            m.chunks.put(
                    n,
                    java.util.Arrays.copyOfRange(
                            body, Math.min(body.length, (n - 1) * size), Math.min(body.length, n * size)));
        }
        messages.put(m.id, m);
        return m.id;
    }

    /** A non-delivery report for a message the mailbox sent, as MESH puts into the sender's inbox. */
    synchronized String report(String to, String localId, String description) {
        Message m = new Message("", to, "", localId, "", "REPORT", 1);
        m.chunks.put(1, new byte[0]);
        m.statusDescription = description;
        messages.put(m.id, m);
        return m.id;
    }

    synchronized List<Message> inbox(String mailbox) {
        return messages.values().stream()
                .filter(m -> m.to.equals(mailbox) && m.complete() && m.status.equals("accepted"))
                .toList();
    }

    synchronized Message message(String id) {
        return messages.get(id);
    }

    /** The LA's system takes a message from its inbox. */
    synchronized void acknowledgeAs(String mailbox, String id) {
        Message m = messages.get(id);
        if (m != null && m.to.equals(mailbox)) {
            m.status = "acknowledged";
        }
    }

    synchronized List<String> requests() {
        return List.copyOf(requests);
    }

    synchronized int count(String methodAndPathPrefix) {
        return (int)
                requests.stream().filter(r -> r.startsWith(methodAndPathPrefix)).count();
    }

    private synchronized void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            requests.add(exchange.getRequestMethod() + " " + path);
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (unavailableFor.get() > 0) {
                unavailableFor.decrementAndGet();
                send(exchange, 503, "{\"errorDescription\":\"unavailable\"}");
                return;
            }
            if (exchange.getRequestHeaders().containsKey("Upgrade")) {
                // As MESH's sandbox (uvicorn) does: an HTTP/2 upgrade request is refused, not ignored.
                send(exchange, 400, "{\"errorDescription\":\"Unsupported upgrade request\"}");
                return;
            }
            Matcher route = PATH.matcher(path);
            if (!route.matches()) {
                send(exchange, 404, "{}");
                return;
            }
            String mailbox = route.group(1);
            if (!authorised(exchange.getRequestHeaders().getFirst("Authorization"), mailbox)) {
                send(exchange, 403, "{\"errorDescription\":\"Authentication failed\"}");
                return;
            }
            route(exchange, exchange.getRequestMethod(), mailbox, route.group(2) == null ? "" : route.group(2), body);
        }
    }

    private void route(HttpExchange x, String method, String mailbox, String rest, byte[] body) throws IOException {
        String[] p = rest.isEmpty() ? new String[0] : rest.substring(1).split("/");
        if (p.length == 0 && (method.equals("POST") || method.equals("GET"))) {
            send(x, 200, "{\"mailboxId\":\"" + mailbox + "\"}");
        } else if (p.length == 1 && p[0].equals("inbox") && method.equals("GET")) {
            List<String> ids =
                    inbox(mailbox).stream().map(m -> "\"" + m.id + "\"").toList();
            send(
                    x,
                    200,
                    "{\"messages\":[" + String.join(",", ids) + "],\"links\":{},\"approx_inbox_count\":" + ids.size()
                            + "}");
        } else if (p.length >= 2 && p[0].equals("inbox") && method.equals("GET")) {
            download(x, mailbox, p[1], p.length == 3 ? Integer.parseInt(p[2]) : 1);
        } else if (p.length == 4 && p[0].equals("inbox") && p[2].equals("status") && method.equals("PUT")) {
            acknowledge(x, mailbox, p[1]);
        } else if (p.length == 2 && p[0].equals("outbox") && p[1].equals("tracking") && method.equals("GET")) {
            tracking(x, mailbox, x.getRequestURI().getQuery());
        } else if (p.length == 1 && p[0].equals("outbox") && method.equals("POST")) {
            sendMessage(x, mailbox, body);
        } else if (p.length == 3 && p[0].equals("outbox") && method.equals("POST")) {
            Message m = messages.get(p[1]);
            if (m == null || !m.from.equals(mailbox)) {
                send(x, 404, "{}");
                return;
            }
            m.chunks.put(Integer.parseInt(p[2]), body);
            send(x, 202, "{\"message_id\":\"" + m.id + "\"}");
        } else {
            send(x, 404, "{}");
        }
    }

    private void download(HttpExchange x, String mailbox, String id, int chunk) throws IOException {
        Message m = messages.get(id);
        if (m == null || !m.to.equals(mailbox) || !m.complete() || chunk < 1 || chunk > m.chunkCount) {
            send(x, 404, "{}");
            return;
        }
        if (!m.status.equals("accepted")) {
            send(x, 410, "{\"errorDescription\":\"gone\"}");
            return;
        }
        var h = x.getResponseHeaders();
        h.add("Content-Type", "application/octet-stream");
        h.add("mex-MessageID", m.id);
        h.add("mex-From", m.from);
        h.add("mex-To", m.to);
        h.add("mex-WorkflowID", m.workflowId);
        h.add("mex-MessageType", m.type);
        h.add("mex-Chunk-Range", chunk + ":" + m.chunkCount);
        if (m.localId != null) {
            h.add("mex-LocalID", m.localId);
        }
        if (m.statusDescription != null) {
            h.add("mex-StatusDescription", m.statusDescription);
        }
        byte[] bytes = m.chunks.get(chunk);
        x.sendResponseHeaders(
                m.chunkCount > 1 && chunk < m.chunkCount ? 206 : 200, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    private void acknowledge(HttpExchange x, String mailbox, String id) throws IOException {
        if (failAcknowledgements.get() > 0) {
            failAcknowledgements.decrementAndGet();
            send(x, 500, "{}");
            return;
        }
        Message m = messages.get(id);
        if (m == null || !m.to.equals(mailbox)) {
            send(x, 404, "{}");
            return;
        }
        m.status = "acknowledged";
        send(x, 200, "{\"messageId\":\"" + id + "\"}");
    }

    private void sendMessage(HttpExchange x, String mailbox, byte[] body) throws IOException {
        var h = x.getRequestHeaders();
        String to = h.getFirst("mex-To");
        String workflow = h.getFirst("mex-WorkflowID");
        if (to == null || workflow == null) {
            send(x, 400, "{\"errorDescription\":\"mex-To and mex-WorkflowID are required\"}");
            return;
        }
        if (!passwords.containsKey(to)) {
            send(x, 417, "{\"errorDescription\":\"unregistered recipient\"}");
            return;
        }
        if (failSends.get() > 0) {
            failSends.decrementAndGet();
            send(x, 503, "{}");
            return;
        }
        String range = h.getFirst("mex-Chunk-Range");
        int chunks = range == null ? 1 : MeshClient.chunkCount(range);
        Message m = new Message(
                mailbox, to, workflow, h.getFirst("mex-LocalID"), h.getFirst("mex-FileName"), "DATA", chunks);
        m.chunks.put(1, body);
        messages.put(m.id, m);
        send(x, 202, "{\"message_id\":\"" + m.id + "\"}");
    }

    private void tracking(HttpExchange x, String mailbox, String query) throws IOException {
        String id = query == null ? "" : query.replaceFirst("^messageID=", "");
        Message m = messages.get(id);
        if (m == null || !m.from.equals(mailbox)) {
            send(x, 404, "{}");
            return;
        }
        send(
                x,
                200,
                "{\"message_id\":\"" + m.id + "\",\"local_id\":\"" + m.localId + "\",\"recipient\":\"" + m.to
                        + "\",\"workflow_id\":\"" + m.workflowId + "\",\"status\":\"" + m.status + "\"}");
    }

    /** NHSMESH mailbox:nonce:nonce_count:timestamp:hmac, checked as MESH does. */
    private boolean authorised(String header, String mailbox) {
        if (header == null || !header.startsWith("NHSMESH ")) {
            return false;
        }
        String[] parts = header.substring(8).split(":");
        if (parts.length != 5 || !parts[0].equals(mailbox) || !passwords.containsKey(mailbox)) {
            return false;
        }
        try {
            Instant at = LocalDateTime.parse(parts[3], DateTimeFormatter.ofPattern("yyyyMMddHHmm"))
                    .toInstant(ZoneOffset.UTC);
            if (Duration.between(at, Instant.now()).abs().compareTo(Duration.ofHours(2)) > 0) {
                return false;
            }
        } catch (RuntimeException e) {
            return false;
        }
        String expected = hmacSha256Hex(
                SHARED_KEY, String.join(":", parts[0], parts[1], parts[2], passwords.get(mailbox), parts[3]));
        boolean ok = MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII), parts[4].getBytes(StandardCharsets.US_ASCII));
        return ok && nonces.add(parts[0] + ":" + parts[1] + ":" + parts[2]);
    }

    /** Written here, not taken from the hub's code, so that a mistake there fails the tests. */
    static String hmacSha256Hex(String key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            StringBuilder hex = new StringBuilder();
            for (byte b : mac.doFinal(message.getBytes(StandardCharsets.UTF_8))) {
                hex.append(String.format("%02x", b));
            }
            return hex.toString();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(HttpExchange x, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
