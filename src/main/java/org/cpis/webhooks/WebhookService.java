package org.cpis.webhooks;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import org.cpis.shared.OdsCode;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The module's public API, each call one transaction. */
@Service
class WebhookService implements Webhooks {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final WebhookRepository webhooks;
    private final WebhookSender sender;
    private final Clock clock;

    WebhookService(WebhookRepository webhooks, WebhookSender sender, Clock clock) {
        this.webhooks = webhooks;
        this.sender = sender;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public WebhookSettings settings(OdsCode la) {
        return webhooks.find(la);
    }

    @Override
    @Transactional
    public WebhookSettings configure(OdsCode la, String url) {
        webhooks.configure(la, url, newSecret(), Instant.now(clock));
        return webhooks.find(la);
    }

    @Override
    @Transactional
    public WebhookSettings rotateSecret(OdsCode la) {
        webhooks.rotate(la, newSecret(), Instant.now(clock));
        return webhooks.find(la);
    }

    @Override
    @Transactional
    public WebhookSettings retirePreviousSecret(OdsCode la) {
        webhooks.retirePrevious(la, Instant.now(clock));
        return webhooks.find(la);
    }

    @Override
    @Transactional
    public void disable(OdsCode la) {
        webhooks.disable(la, Instant.now(clock));
    }

    /** No transaction of its own: asked inside the lookup's. */
    @Override
    public boolean enabled(OdsCode la) {
        return webhooks.enabled(la);
    }

    /** One statement in autocommit: asked four times a second. */
    @Override
    public List<OdsCode> backingOff(Instant now) {
        return webhooks.backingOff(now);
    }

    /** Not in a transaction: posts take up to the receivers' time limit, and hold no connection meanwhile. */
    @Override
    public Posting posting(Collection<OdsCode> las) {
        return sender.posting(las);
    }

    /** Standard Webhooks secret: "whsec_" and 24 random bytes in base64. */
    static String newSecret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getEncoder().encodeToString(bytes);
    }
}
