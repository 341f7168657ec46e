package org.cpis.notifications;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.cpis.notifications.DeliveryQueue.Claimed;
import org.cpis.notifications.DeliveryQueue.Outcome;
import org.cpis.notifications.Notifications.WebhookSettings;
import org.cpis.notifications.WebhookRepository.Endpoint;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts notifications to LA webhooks, signed (Standard Webhooks), and keeps each endpoint's health: one that fails every
 * attempt in a batch is backed off as a whole. Receivers de-duplicate by webhook-id (the notification id).
 */
@Component
class WebhookSender {

    static final String NOT_CONFIGURED = "webhook not configured";

    private final WebhookRepository webhooks;
    private final NotificationsProperties properties;
    private final JsonMapper json;
    private final Clock clock;
    private final HttpClient http;

    WebhookSender(WebhookRepository webhooks, NotificationsProperties properties, JsonMapper json, Clock clock) {
        this.webhooks = webhooks;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.webhookTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** @param refused its address is this machine or a private network, checked once per batch */
    record Target(Endpoint endpoint, boolean refused) {}

    /** The endpoints the batch's webhooks go to, by LA, resolved after the query has given its connection back. */
    Map<String, Target> targets(List<Claimed> batch) {
        List<String> las = batch.stream()
                .filter(d -> d.channel() == Channel.WEBHOOK)
                .map(d -> d.notification().localAuthority().value())
                .distinct()
                .toList();
        Map<String, Target> targets = new HashMap<>();
        webhooks.endpoints(las).forEach((la, endpoint) -> targets.put(la, new Target(endpoint, refused(endpoint))));
        return targets;
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

    /** Never fails: whatever goes wrong is the outcome, so one bad row cannot stop a batch being recorded. */
    CompletableFuture<String> send(Notification n, Target target) {
        if (target == null || !target.endpoint().settings().enabled()) {
            return CompletableFuture.completedFuture(NOT_CONFIGURED);
        }
        if (target.refused()) {
            return CompletableFuture.completedFuture(WebhookAddresses.REFUSED);
        }
        try {
            return post(n, target.endpoint().settings())
                    // The request timeout ends at the response headers; this bounds a body that trickles in too.
                    .completeOnTimeout("timed out", properties.webhookTimeout().toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(e.getClass().getSimpleName());
        }
    }

    private CompletableFuture<String> post(Notification n, WebhookSettings settings) {
        String body = json.writeValueAsString(NotificationPayload.webhook(n));
        long timestamp = Instant.now(clock).getEpochSecond();
        String id = n.id().toString();
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

    /**
     * An endpoint that took at least one of its webhooks in this batch is healthy; one that failed every attempt made
     * to it is backed off as a whole, longer with each batch in a row that it fails. Both only for the URL the batch
     * used, so a URL the LA has just registered is not backed off for the old one's failures.
     */
    void recordHealth(List<Outcome> outcomes, Map<String, Target> targets, Instant now) {
        Map<String, Boolean> anyAccepted = new HashMap<>();
        for (Outcome outcome : outcomes) {
            if (outcome.delivery().channel() == Channel.WEBHOOK && !NOT_CONFIGURED.equals(outcome.error())) {
                anyAccepted.merge(
                        outcome.delivery().notification().localAuthority().value(),
                        outcome.error() == null,
                        Boolean::logicalOr);
            }
        }
        anyAccepted.forEach((la, accepted) -> {
            String url = targets.get(la).endpoint().settings().url();
            if (accepted) {
                webhooks.healthy(la, url);
            } else {
                webhooks.failing(la, url, now, properties.webhookFirstRetry(), properties.webhookMaxRetryInterval());
            }
        });
    }
}
