package org.cpis.webhooks;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.cpis.shared.OdsCode;
import org.cpis.webhooks.WebhookRepository.Endpoint;
import org.springframework.stereotype.Component;

/** Posts to LA webhooks, signed (Standard Webhooks), and keeps each endpoint's health. */
@Component
class WebhookSender implements AutoCloseable {

    private final WebhookRepository webhooks;
    private final WebhooksProperties properties;
    private final Clock clock;
    private final WebhookClient http;

    WebhookSender(WebhookRepository webhooks, WebhooksProperties properties, Clock clock) {
        this.webhooks = webhooks;
        this.properties = properties;
        this.clock = clock;
        this.http = new WebhookClient(
                properties.webhookTimeout(),
                properties.webhookLocalAddressesAllowed(),
                SystemDefaultDnsResolver.INSTANCE,
                clock);
    }

    @Override
    public void close() {
        http.close();
    }

    /** Reads the endpoints of a batch's LAs; each connection's addresses are checked when it is opened. */
    Webhooks.Posting posting(Collection<OdsCode> las) {
        return new Posting(
                webhooks.endpoints(las.stream().map(OdsCode::value).distinct().toList()));
    }

    private final class Posting implements Webhooks.Posting {

        private final Map<String, Endpoint> targets;
        private final Map<String, Boolean> anyAccepted = new ConcurrentHashMap<>();

        Posting(Map<String, Endpoint> targets) {
            this.targets = targets;
        }

        @Override
        public CompletableFuture<String> post(OdsCode la, String id, String body) {
            Endpoint target = targets.get(la.value());
            if (target == null || !target.settings().enabled()) {
                return CompletableFuture.completedFuture(NOT_CONFIGURED);
            }
            return attempt(target, id, body)
                    .whenComplete((error, failure) ->
                            anyAccepted.merge(la.value(), error == null && failure == null, Boolean::logicalOr));
        }

        private CompletableFuture<String> attempt(Endpoint target, String id, String body) {
            try {
                return http.post(target.settings(), id, body);
            } catch (RuntimeException e) {
                return CompletableFuture.completedFuture(e.getClass().getSimpleName());
            }
        }

        /** Only for the URL this batch used, so a URL the LA has just registered is not backed off for the old one's. */
        @Override
        public void recordHealth() {
            Instant now = Instant.now(clock);
            anyAccepted.forEach((la, accepted) -> {
                String url = targets.get(la).settings().url();
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
}
