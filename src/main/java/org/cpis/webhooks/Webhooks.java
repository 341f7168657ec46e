package org.cpis.webhooks;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.cpis.shared.OdsCode;

/**
 * Each LA's webhook (docs/interfaces.md section 5): the URL notifications are posted to, the secrets that sign them, and
 * posting to it. What is posted, and when it is tried again, is the caller's.
 */
public interface Webhooks {

    /** The LA's settings; {@link WebhookSettings#NONE} if it never set a webhook up. */
    WebhookSettings settings(OdsCode localAuthority);

    /** Sets the URL and turns the webhook on; creates a secret if there is none. */
    WebhookSettings configure(OdsCode localAuthority, String url);

    /** A new secret; the old one stays valid (signatures carry both) until {@link #retirePreviousSecret}. */
    WebhookSettings rotateSecret(OdsCode localAuthority);

    WebhookSettings retirePreviousSecret(OdsCode localAuthority);

    void disable(OdsCode localAuthority);

    boolean enabled(OdsCode localAuthority);

    /** The LAs whose endpoint failed so often that nothing is posted to it until a while after {@code now}. */
    List<OdsCode> backingOff(Instant now);

    /** Starts a batch of posts to these LAs' webhooks. */
    Posting posting(Collection<OdsCode> localAuthorities);

    /** One batch of posts: each LA's endpoint is read, and its address checked, once. */
    interface Posting {

        /** What a post to an LA without a webhook, or with it turned off, comes to. */
        String NOT_CONFIGURED = "webhook not configured";

        /**
         * Posts the body, signed, with {@code id} as the webhook-id receivers de-duplicate by. Never fails.
         *
         * @return completes with null when the receiver took it, otherwise what went wrong (no personal data)
         */
        CompletableFuture<String> post(OdsCode localAuthority, String id, String body);

        /**
         * Once every post has completed: an endpoint that took at least one of them is healthy; one that failed every
         * one is backed off as a whole, longer with each batch in a row that it fails.
         */
        void recordHealth();
    }
}
