package bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local authority's webhook endpoint for the notification benchmark: checks each Standard Webhooks signature on its
 * own (not with the hub's signer), keeps when each notification id and child first arrived, and can hold every request
 * until released (a receiver that is slow for a while, so a backlog builds up).
 */
final class WebhookReceiver implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final String localAuthority;
    private volatile byte[] key;
    private volatile CountDownLatch gate = new CountDownLatch(0);

    final Map<String, Long> firstById = new ConcurrentHashMap<>();
    final Map<String, Long> firstByNhs = new ConcurrentHashMap<>();
    final AtomicLong requests = new AtomicLong();
    final AtomicLong repeats = new AtomicLong();
    final AtomicLong badSignatures = new AtomicLong();
    final AtomicLong wrongAuthority = new AtomicLong();
    final AtomicLong lastFirstArrival = new AtomicLong();

    WebhookReceiver(String localAuthority) throws IOException {
        this.localAuthority = localAuthority;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        server.createContext("/hook", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String url() {
        return "http://localhost:" + server.getAddress().getPort() + "/hook";
    }

    void secret(String secret) {
        key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
    }

    void hold() {
        gate = new CountDownLatch(1);
    }

    void release() {
        gate.countDown();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            requests.incrementAndGet();
            try {
                gate.await(5, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            long now = System.nanoTime();
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
            String signatures = exchange.getRequestHeaders().getFirst("webhook-signature");
            if (id == null || timestamp == null || signatures == null || !signed(id, timestamp, body, signatures)) {
                badSignatures.incrementAndGet();
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            JsonNode notification = JSON.readTree(new String(body, StandardCharsets.UTF_8));
            if (!localAuthority.equals(notification.path("localAuthority").asString())) {
                wrongAuthority.incrementAndGet();
            }
            if (firstById.putIfAbsent(id, now) == null) {
                lastFirstArrival.accumulateAndGet(now, Math::max);
            } else {
                repeats.incrementAndGet();
            }
            firstByNhs.putIfAbsent(notification.path("child").path("nhsNumber").asString(), now);
            exchange.sendResponseHeaders(204, -1);
        }
    }

    private boolean signed(String id, String timestamp, byte[] body, String header) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
            for (String signature : header.split(" ")) {
                if (signature.equals(expected)) {
                    return true;
                }
            }
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        executor.shutdownNow();
    }
}
