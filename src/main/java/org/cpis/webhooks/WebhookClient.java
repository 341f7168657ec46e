package org.cpis.webhooks;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.Message;
import org.apache.hc.core5.http.nio.entity.DiscardingEntityConsumer;
import org.apache.hc.core5.http.nio.support.BasicResponseConsumer;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.cpis.webhooks.PublicAddressesOnly.LocalAddressRefused;

/**
 * One signed POST to a webhook, answered by the kind of failure or null. Apache HttpClient's, not the JDK's, for one
 * reason: its name resolution can be replaced, so the addresses a connection is opened to are the ones checked
 * ({@link PublicAddressesOnly}); the JDK 17 client resolves names itself.
 */
final class WebhookClient implements AutoCloseable {

    /** Connections to one receiver at once: a delivery batch (50) goes out together. */
    private static final int PER_RECEIVER = 50;

    private static final String TIMED_OUT = "timed out";

    private final Clock clock;
    private final Duration timeout;
    private final CloseableHttpAsyncClient http;

    /**
     * @param dns the name resolution whose answers are checked (the system's; a test's own)
     * @param localAllowed whether this machine and private networks may be posted to (tests, trying a receiver out)
     */
    WebhookClient(Duration timeout, boolean localAllowed, DnsResolver dns, Clock clock) {
        this.clock = clock;
        this.timeout = timeout;
        this.http = client(Timeout.of(timeout), new PublicAddressesOnly(dns, localAllowed));
        this.http.start();
    }

    private static CloseableHttpAsyncClient client(Timeout timeout, DnsResolver dns) {
        return HttpAsyncClients.custom()
                .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                        .setDnsResolver(dns)
                        .setMaxConnPerRoute(PER_RECEIVER)
                        .setMaxConnTotal(PER_RECEIVER * 4)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(timeout)
                                .setSocketTimeout(timeout)
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(timeout)
                        .setResponseTimeout(timeout)
                        .build())
                // A delivery that fails is retried by the queue with backoff; a redirect is the receiver's failure.
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .build();
    }

    @Override
    public void close() {
        http.close(CloseMode.GRACEFUL);
    }

    /**
     * Never fails: a failure is the outcome. The time limit runs to the response's headers (and between any two reads);
     * the whole exchange is cut off at twice that, so a body that trickles in cannot hold a delivery either.
     */
    CompletableFuture<String> post(WebhookSettings settings, String id, String body) {
        long timestamp = Instant.now(clock).getEpochSecond();
        var request = SimpleRequestBuilder.post(settings.url())
                .setHeader("webhook-id", id)
                .setHeader("webhook-timestamp", Long.toString(timestamp))
                .setHeader(
                        "webhook-signature",
                        WebhookSigner.header(settings.secret(), settings.previousSecret(), id, timestamp, body))
                .setBody(body.getBytes(StandardCharsets.UTF_8), ContentType.create("application/json"))
                .build();
        CompletableFuture<String> outcome = new CompletableFuture<>();
        Future<?> exchange = http.execute(
                SimpleRequestProducer.create(request),
                // The receiver's answer is read and thrown away, however long: only its status counts.
                new BasicResponseConsumer<>(new DiscardingEntityConsumer<Void>()),
                new FutureCallback<Message<HttpResponse, Void>>() {
                    @Override
                    public void completed(Message<HttpResponse, Void> response) {
                        int status = response.getHead().getCode();
                        outcome.complete(status / 100 == 2 ? null : "HTTP " + status);
                    }

                    @Override
                    public void failed(Exception failure) {
                        outcome.complete(failure(failure));
                    }

                    @Override
                    public void cancelled() {
                        outcome.complete("cancelled");
                    }
                });
        // Cancelled only when cut off: cancelling a finished exchange would close its kept-alive connection.
        return outcome.completeOnTimeout(TIMED_OUT, timeout.toMillis() * 2, TimeUnit.MILLISECONDS)
                .whenComplete((result, failure) -> {
                    if (TIMED_OUT.equals(result)) {
                        exchange.cancel(true);
                    }
                });
    }

    /** What went wrong, as the LA's settings page lists it: the kind of failure, never a message with the URL. */
    private static String failure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof LocalAddressRefused) {
                return WebhookAddresses.REFUSED;
            }
        }
        return failure.getClass().getSimpleName();
    }
}
