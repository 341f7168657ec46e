package org.cpis.webhooks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.cpis.shared.OdsCode;
import org.cpis.webhooks.WebhookRepository.Endpoint;
import org.springframework.stereotype.Component;

/** Posts to LA webhooks, signed (Standard Webhooks), and keeps each endpoint's health. */
@Component
class WebhookSender {

    private final WebhookRepository webhooks;
    private final WebhooksProperties properties;
    private final Clock clock;
    private final HttpClient http;

    WebhookSender(WebhookRepository webhooks, WebhooksProperties properties, Clock clock) {
        this.webhooks = webhooks;
        this.properties = properties;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.webhookTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** @param refused its address is this machine or a private network, checked once per batch */
    private record Target(Endpoint endpoint, boolean refused) {}

    /** Reads the endpoints, and checks their addresses after the query has given its connection back. */
    Webhooks.Posting posting(Collection<OdsCode> las) {
        Map<String, Endpoint> endpoints =
                webhooks.endpoints(las.stream().map(OdsCode::value).distinct().toList());
        Map<String, Target> targets = endpoints.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> new Target(e.getValue(), refused(e.getValue()))));
        return new Posting(targets);
    }

    private boolean refused(Endpoint endpoint) {
        if (properties.webhookLocalAddressesAllowed()) {
            return false;
        }
        WebhookSettings settings = endpoint.settings();
        try {
            return settings.enabled() && WebhookAddresses.resolvesLocal(URI.create(settings.url()));
        } catch (IllegalArgumentException e) {
            return true; // not a URL at all: nothing to send to
        }
    }

    private final class Posting implements Webhooks.Posting {

        private final Map<String, Target> targets;
        private final Map<String, Boolean> anyAccepted = new ConcurrentHashMap<>();

        Posting(Map<String, Target> targets) {
            this.targets = targets;
        }

        @Override
        public CompletableFuture<String> post(OdsCode la, String id, String body) {
            Target target = targets.get(la.value());
            if (target == null || !target.endpoint().settings().enabled()) {
                return CompletableFuture.completedFuture(NOT_CONFIGURED);
            }
            return attempt(target, id, body)
                    .whenComplete((error, failure) ->
                            anyAccepted.merge(la.value(), error == null && failure == null, Boolean::logicalOr));
        }

        private CompletableFuture<String> attempt(Target target, String id, String body) {
            if (target.refused()) {
                return CompletableFuture.completedFuture(WebhookAddresses.REFUSED);
            }
            try {
                return send(target.endpoint().settings(), id, body)
                        // The request timeout ends at the response headers; this bounds a body that trickles in too.
                        .completeOnTimeout(
                                "timed out", properties.webhookTimeout().toMillis() * 2, TimeUnit.MILLISECONDS);
            } catch (RuntimeException e) {
                return CompletableFuture.completedFuture(e.getClass().getSimpleName());
            }
        }

        /** Only for the URL this batch used, so a URL the LA has just registered is not backed off for the old one's. */
        @Override
        public void recordHealth() {
            Instant now = Instant.now(clock);
            anyAccepted.forEach((la, accepted) -> {
                String url = targets.get(la).endpoint().settings().url();
                if (accepted) {
                    webhooks.healthy(la, url);
                } else {
                    webhooks.failing(
                            la, url, now, properties.webhookFirstRetry(), properties.webhookMaxRetryInterval());
                }
            });
            anyAccepted.clear();
        }
    }

    private CompletableFuture<String> send(WebhookSettings settings, String id, String body) {
        long timestamp = Instant.now(clock).getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.url()))
                .timeout(properties.webhookTimeout())
                .header("Content-Type", "application/json")
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header(
                        "webhook-signature",
                        WebhookSigner.header(settings.secret(), settings.previousSecret(), id, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause()
                        : failure;
                return cause.getClass().getSimpleName();
            }
            return response.statusCode() / 100 == 2 ? null : "HTTP " + response.statusCode();
        });
    }
}
