package org.cpis.notifications;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import org.cpis.audit.Audit;
import org.cpis.audit.AuditEntry;
import org.cpis.identity.Actor;
import org.cpis.shared.OdsCode;
import org.cpis.shared.web.TraceIdFilter;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The LA data manager's webhook settings: the URL notifications are posted to, the signing secrets (two while one is
 * being rotated), turning it off, and the deliveries that failed. Each change is audited in the same transaction.
 *
 * <p>Secrets are shown masked; the whole secret is in an NHS.UK details component the data manager opens to copy it.
 */
@Controller
class WebhookSettingsController {

    static final int LISTED_FAILURES = 50;
    static final int MAX_URL = 2000;

    private final Notifications notifications;
    private final Audit audit;
    private final TransactionTemplate transaction;
    private final boolean localAddressesAllowed;

    WebhookSettingsController(
            Notifications notifications,
            Audit audit,
            PlatformTransactionManager transactions,
            NotificationsProperties properties) {
        this.localAddressesAllowed = properties.webhookLocalAddressesAllowed();
        this.notifications = notifications;
        this.audit = audit;
        this.transaction = new TransactionTemplate(transactions);
    }

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

    @GetMapping("/settings/webhook")
    String page(Actor actor, Model model) {
        Notifications.WebhookSettings settings = notifications.webhook(actor.organisation());
        return show(actor, settings, settings.url() == null ? "" : settings.url(), null, model);
    }

    @PostMapping("/settings/webhook")
    String configure(
            Actor actor,
            @RequestParam(name = "url", defaultValue = "") String url,
            Model model,
            RedirectAttributes redirect) {
        String typed = url.strip();
        String problem = urlProblem(typed, localAddressesAllowed);
        if (problem != null) {
            return show(actor, notifications.webhook(actor.organisation()), typed, problem, model);
        }
        boolean created = transaction.execute(status -> {
            boolean hadSecret = notifications.webhook(actor.organisation()).secret() != null;
            notifications.configureWebhook(actor.organisation(), typed);
            audit(actor, "URL_SET", "host=" + URI.create(typed).getHost());
            return !hadSecret;
        });
        redirect.addFlashAttribute(
                "done",
                created
                        ? "Webhook turned on. CP-IS created a signing secret: copy it into your case system."
                        : "Webhook URL saved and turned on.");
        return "redirect:/settings/webhook";
    }

    @PostMapping("/settings/webhook/rotate-secret")
    String rotate(Actor actor, RedirectAttributes redirect) {
        boolean rotated = transaction.execute(status -> {
            if (notifications.webhook(actor.organisation()).secret() == null) {
                return false;
            }
            notifications.rotateSecret(actor.organisation());
            audit(actor, "SECRET_ROTATED", null);
            return true;
        });
        if (rotated) {
            redirect.addFlashAttribute(
                    "done", "New secret created. CP-IS signs with both secrets until you retire the previous one.");
        }
        return "redirect:/settings/webhook";
    }

    @PostMapping("/settings/webhook/retire-previous-secret")
    String retire(Actor actor, RedirectAttributes redirect) {
        boolean retired = transaction.execute(status -> {
            if (notifications.webhook(actor.organisation()).previousSecret() == null) {
                return false;
            }
            notifications.retirePreviousSecret(actor.organisation());
            audit(actor, "PREVIOUS_RETIRED", null);
            return true;
        });
        if (retired) {
            redirect.addFlashAttribute(
                    "done", "Previous secret retired. CP-IS now signs with the current secret only.");
        }
        return "redirect:/settings/webhook";
    }

    @PostMapping("/settings/webhook/turn-off")
    String turnOff(Actor actor, RedirectAttributes redirect) {
        boolean off = transaction.execute(status -> {
            if (!notifications.webhook(actor.organisation()).enabled()) {
                return false;
            }
            notifications.disableWebhook(actor.organisation());
            audit(actor, "DISABLED", null);
            return true;
        });
        if (off) {
            redirect.addFlashAttribute("done", "Webhook turned off.");
        }
        return "redirect:/settings/webhook";
    }

    private String show(
            Actor actor, Notifications.WebhookSettings settings, String typedUrl, String error, Model model) {
        OdsCode la = actor.organisation();
        boolean configured = settings.url() != null;
        String statusText = !configured ? "Not set up" : settings.enabled() ? "On" : "Off";
        String statusTag =
                !configured ? "nhsuk-tag--grey" : settings.enabled() ? "nhsuk-tag--green" : "nhsuk-tag--grey";
        model.addAttribute(
                "webhook",
                new WebhookView(
                        configured,
                        settings.enabled(),
                        settings.url(),
                        secret(settings.secret()),
                        secret(settings.previousSecret()),
                        statusText,
                        statusTag));
        model.addAttribute("typedUrl", typedUrl);
        model.addAttribute("error", error);
        List<FailureRow> failures = notifications.failedDeliveries(la, LISTED_FAILURES).stream()
                .map(d -> new FailureRow(
                        d.notificationId().toString(),
                        "WEBHOOK".equals(d.channel()) ? "Webhook" : "EMAIL".equals(d.channel()) ? "Email" : d.channel(),
                        d.attempts(),
                        d.lastError() == null ? "Not recorded" : d.lastError()))
                .toList();
        model.addAttribute("failures", failures);
        model.addAttribute("maxFailures", LISTED_FAILURES);
        return "settings/webhook";
    }

    private void audit(Actor actor, String outcome, String detail) {
        audit.record(new AuditEntry(
                actor.id(),
                actor.role().name(),
                actor.organisation().value(),
                "WEBHOOK_CHANGED",
                null,
                "webhook:" + actor.organisation().value(),
                outcome,
                TraceIdFilter.current(),
                detail));
    }

    private static SecretView secret(String secret) {
        if (secret == null) {
            return null;
        }
        String prefix = secret.startsWith("whsec_") ? "whsec_" : "";
        String tail = secret.length() > prefix.length() + 4 ? secret.substring(secret.length() - 4) : "";
        return new SecretView(prefix + "••••••••" + tail, secret);
    }

    /**
     * An absolute https URL to a public address; where local addresses are allowed (trying a receiver out), also http
     * to this machine.
     *
     * @return what is wrong, or null
     */
    static String urlProblem(String url, boolean localAddressesAllowed) {
        if (url.isEmpty()) {
            return "Enter the webhook URL";
        }
        if (url.length() > MAX_URL) {
            return "Webhook URL must be 2,000 characters or fewer";
        }
        String invalid = "Enter a full web address starting with https://, like https://cases.example.gov.uk/cpis";
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return invalid;
        }
        if (!uri.isAbsolute()
                || uri.isOpaque()
                || uri.getHost() == null
                || uri.getHost().isEmpty()) {
            return invalid;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (scheme.equals("http")) {
            if (!localAddressesAllowed) {
                return "Webhook URL must start with https://";
            }
            if (!host.equals("localhost") && !host.equals("127.0.0.1")) {
                return "Webhook URL must start with https:// (http:// is only for localhost)";
            }
        } else if (!scheme.equals("https")) {
            return invalid;
        }
        if (!localAddressesAllowed && WebhookAddresses.plainlyLocal(uri)) {
            return "Webhook URL must not point to this server or a private network";
        }
        if (uri.getRawUserInfo() != null) {
            return "Webhook URL must not contain a user name or password";
        }
        if (uri.getRawFragment() != null) {
            return "Webhook URL must not contain a # fragment";
        }
        return null;
    }
}
