package org.cpis.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import testsupport.TestClock;

/**
 * The webhook client against a real receiver on this machine, reached by a name only this test's resolver knows: what
 * it resolves to is what the connection uses, and what is checked.
 */
class WebhookClientTest {

    record Received(Map<String, List<String>> headers, String body, int clientPort) {}

    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicInteger status = new AtomicInteger(204);
    final AtomicInteger lookups = new AtomicInteger();
    final TestClock clock = TestClock.at(Instant.parse("2026-12-02T09:00:00Z"));
    HttpServer receiver;

    /** {@code receiver.example} is this machine; nothing else resolves. */
    final DnsResolver dns = new DnsResolver() {
        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            lookups.incrementAndGet();
            if (!host.equals("receiver.example")) {
                throw new UnknownHostException("only receiver.example");
            }
            return new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})};
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            return host;
        }
    };

    @BeforeEach
    void receiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            received.add(new Received(
                    Map.copyOf(exchange.getRequestHeaders()),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                    exchange.getRemoteAddress().getPort()));
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    String url() {
        return "http://receiver.example:" + receiver.getAddress().getPort() + "/hook";
    }

    WebhookSettings settings(String url) {
        return new WebhookSettings(url, WebhookService.newSecret(), null, true);
    }

    String post(boolean localAllowed, WebhookSettings settings, String body) {
        try (WebhookClient client = new WebhookClient(Duration.ofSeconds(5), localAllowed, dns, clock)) {
            return client.post(settings, "msg_1", body).join();
        }
    }

    @Test
    void posts_the_signed_body_as_utf8_json_to_the_address_the_name_resolved_to() {
        WebhookSettings settings = settings(url());
        String body = "{\"actor\":\"Siân Ó Ceallaigh\"}";

        assertThat(post(true, settings, body)).isNull();

        assertThat(received).hasSize(1);
        Received got = received.get(0);
        assertThat(got.body()).isEqualTo(body);
        assertThat(got.headers().get("Content-type")).containsExactly("application/json");
        assertThat(got.headers().get("Webhook-id")).containsExactly("msg_1");
        long timestamp = clock.instant().getEpochSecond();
        assertThat(got.headers().get("Webhook-timestamp")).containsExactly(Long.toString(timestamp));
        assertThat(got.headers().get("Webhook-signature"))
                .containsExactly(WebhookSigner.header(settings.secret(), null, "msg_1", timestamp, body));
        assertThat(lookups).hasValue(1);
    }

    @Test
    void one_receivers_posts_share_a_kept_alive_connection() throws InterruptedException {
        WebhookSettings settings = settings(url());
        try (WebhookClient client = new WebhookClient(Duration.ofSeconds(5), true, dns, clock)) {
            assertThat(client.post(settings, "msg_1", "{}").join()).isNull();
            // The outcome is known as the response arrives, a moment before the connection is back in the pool.
            Thread.sleep(200);
            assertThat(client.post(settings, "msg_2", "{}").join()).isNull();
        }
        assertThat(received)
                .extracting(Received::clientPort)
                .hasSize(2)
                .containsOnly(received.get(0).clientPort());
        assertThat(lookups).as("one connection, resolved and checked once").hasValue(1);
    }

    @Test
    void a_name_that_resolves_to_this_machine_is_refused_when_the_connection_is_opened() {
        assertThat(post(false, settings(url()), "{}")).isEqualTo(WebhookAddresses.REFUSED);

        assertThat(received).isEmpty();
        assertThat(lookups)
                .as("checked on the resolution the connection would use")
                .hasValue(1);
    }

    @Test
    void a_literal_local_address_is_refused_too() {
        String literal = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        DnsResolver system = SystemDefaultDnsResolver.INSTANCE;
        try (WebhookClient client = new WebhookClient(Duration.ofSeconds(5), false, system, clock)) {
            assertThat(client.post(settings(literal), "msg_1", "{}").join()).isEqualTo(WebhookAddresses.REFUSED);
        }
        assertThat(received).isEmpty();
    }

    @Test
    void a_status_other_than_2xx_and_a_closed_port_are_failures_named_by_kind() throws IOException {
        status.set(500);
        assertThat(post(true, settings(url()), "{}")).isEqualTo("HTTP 500");

        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        assertThat(post(true, settings("http://receiver.example:" + closed + "/hook"), "{}"))
                .contains("ConnectException");
        assertThat(post(true, settings("http://nowhere.example/hook"), "{}")).isEqualTo("UnknownHostException");
    }
}
