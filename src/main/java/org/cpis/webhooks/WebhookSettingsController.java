package org.cpis.webhooks;

import jakarta.validation.Valid;
import org.cpis.identity.Actor;
import org.cpis.webhooks.WebhookSettingsService.Change;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The LA data manager's webhook settings page (see {@link WebhookSettingsService}). */
@Controller
class WebhookSettingsController {

    private static final String PAGE = "redirect:/settings/webhook";

    private final WebhookSettingsService settings;

    WebhookSettingsController(WebhookSettingsService settings) {
        this.settings = settings;
    }

    @GetMapping("/settings/webhook")
    String page(Actor actor, Model model) {
        WebhookSettings current = settings.settings(actor.organisation());
        return show(actor, current, current.url() == null ? "" : current.url(), null, model);
    }

    @PostMapping("/settings/webhook")
    String configure(
            Actor actor,
            @Valid @ModelAttribute("form") WebhookForm form,
            BindingResult result,
            Model model,
            RedirectAttributes redirect) {
        if (result.hasErrors()) {
            String error = result.getFieldError("url").getDefaultMessage();
            return show(actor, settings.settings(actor.organisation()), form.url(), error, model);
        }
        Change change = settings.configure(actor, form.url());
        redirect.addFlashAttribute(
                "done",
                change == Change.CREATED_SECRET
                        ? "Webhook turned on. CP-IS created a signing secret: copy it into your case system."
                        : "Webhook URL saved and turned on.");
        return PAGE;
    }

    @PostMapping("/settings/webhook/rotate-secret")
    String rotate(Actor actor, RedirectAttributes redirect) {
        return done(
                settings.rotateSecret(actor),
                "New secret created. CP-IS signs with both secrets until you retire the previous one.",
                redirect);
    }

    @PostMapping("/settings/webhook/retire-previous-secret")
    String retire(Actor actor, RedirectAttributes redirect) {
        return done(
                settings.retirePreviousSecret(actor),
                "Previous secret retired. CP-IS now signs with the current secret only.",
                redirect);
    }

    @PostMapping("/settings/webhook/turn-off")
    String turnOff(Actor actor, RedirectAttributes redirect) {
        return done(settings.disable(actor), "Webhook turned off.", redirect);
    }

    private static String done(Change change, String message, RedirectAttributes redirect) {
        if (change != Change.NONE) {
            redirect.addFlashAttribute("done", message);
        }
        return PAGE;
    }

    private String show(Actor actor, WebhookSettings current, String typedUrl, String error, Model model) {
        model.addAttribute("webhook", WebhookPage.webhook(current));
        model.addAttribute("typedUrl", typedUrl);
        model.addAttribute("error", error);
        model.addAttribute(
                "failures",
                WebhookPage.failures(settings.failedDeliveries(actor.organisation(), WebhookPage.LISTED_FAILURES)));
        model.addAttribute("maxFailures", WebhookPage.LISTED_FAILURES);
        return "settings/webhook";
    }
}
