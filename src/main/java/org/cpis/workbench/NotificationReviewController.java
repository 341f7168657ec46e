package org.cpis.workbench;

import jakarta.validation.Valid;
import java.util.UUID;
import org.cpis.identity.Actor;
import org.cpis.notifications.Notification;
import org.cpis.shared.web.ErrorSummary;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** One notification's page, and its review: whether the setting was contacted, an outcome note, and closing it. */
@Controller
class NotificationReviewController {

    private final WorkbenchService workbench;
    private final NotificationPage page;

    NotificationReviewController(WorkbenchService workbench, NotificationPage page) {
        this.workbench = workbench;
        this.page = page;
    }

    @GetMapping("/notifications/{id}")
    String show(Actor actor, @PathVariable String id, Model model) {
        WorkbenchView.allowed(actor.role());
        Notification n = workbench.open(actor, uuid(id)).orElseThrow(NotFound::new);
        return page.render(actor, n, ReviewForm.of(n), ErrorSummary.NONE, model);
    }

    @PostMapping("/notifications/{id}")
    String review(
            Actor actor,
            @PathVariable String id,
            @Valid @ModelAttribute("form") ReviewForm form,
            BindingResult result,
            Model model,
            RedirectAttributes redirect) {
        WorkbenchView.allowed(actor.role());
        Notification n = workbench.find(actor, uuid(id)).orElseThrow(NotFound::new);
        if (!n.unreviewed()) {
            redirect.addFlashAttribute("success", "This notification is already closed");
            return "redirect:/notifications/" + n.id();
        }
        if (result.hasErrors()) {
            return page.render(actor, n, form, ErrorSummary.of(result, "contacted", "outcome"), model);
        }
        workbench.review(actor, n, form.yes(), form.outcome(), form.close());
        if (form.close()) {
            redirect.addFlashAttribute("success", "Notification for " + NotificationText.child(n) + " closed");
            return "redirect:/notifications";
        }
        redirect.addFlashAttribute("success", "Review saved");
        return "redirect:/notifications/" + n.id();
    }

    private static UUID uuid(String value) {
        return CloseForm.uuid(value).orElseThrow(NotFound::new);
    }
}
