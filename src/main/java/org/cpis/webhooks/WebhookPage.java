package org.cpis.webhooks;

import java.util.List;
import org.cpis.shared.web.ViewFormat;
import org.cpis.webhooks.FailedDeliveries.FailedDelivery;

/**
 * The webhook settings page's model. Secrets are shown masked; the whole secret is in an NHS.UK details component the
 * data manager opens to copy it.
 */
final class WebhookPage {

    static final int LISTED_FAILURES = 50;

    private WebhookPage() {}

    /** A secret as the page shows it: masked, and whole for the details component. */
    record SecretView(String masked, String value) {}

    record WebhookView(
            boolean configured,
            boolean enabled,
            String url,
            SecretView secret,
            SecretView previousSecret,
            String statusText,
            String statusTagClass) {}

    record FailureRow(String notificationId, String channel, int attempts, String lastError) {}

    static WebhookView webhook(WebhookSettings settings) {
        boolean configured = settings.url() != null;
        String statusText = !configured ? "Not set up" : settings.enabled() ? "On" : "Off";
        String statusTag = configured && settings.enabled() ? "nhsuk-tag--green" : "nhsuk-tag--grey";
        return new WebhookView(
                configured,
                settings.enabled(),
                settings.url(),
                secret(settings.secret()),
                secret(settings.previousSecret()),
                statusText,
                statusTag);
    }

    static List<FailureRow> failures(List<FailedDelivery> failed) {
        return failed.stream()
                .map(d -> new FailureRow(
                        d.notificationId().toString(),
                        d.channel(),
                        d.attempts(),
                        d.lastError() == null ? ViewFormat.NOT_RECORDED : d.lastError()))
                .toList();
    }

    private static SecretView secret(String secret) {
        if (secret == null) {
            return null;
        }
        String prefix = secret.startsWith("whsec_") ? "whsec_" : "";
        String tail = secret.length() > prefix.length() + 4 ? secret.substring(secret.length() - 4) : "";
        return new SecretView(prefix + "••••••••" + tail, secret);
    }
}
