package org.cpis.webhooks;

/** An LA's webhook: where notifications are posted and the secrets that sign them (two while rotating). */
public record WebhookSettings(String url, String secret, String previousSecret, boolean enabled) {

    public static final WebhookSettings NONE = new WebhookSettings(null, null, null, false);
}
