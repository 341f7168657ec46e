package org.cpis.admin;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.cpis.identity.Actor;
import org.cpis.identity.IdentityAdministration;
import org.cpis.identity.IdentityAdministration.ApiClientSummary;
import org.cpis.identity.Role;
import org.cpis.shared.web.ErrorSummary;
import org.cpis.shared.web.ViewFormat;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** API clients for the operator's administrators: create (secret shown once), rotate with an overlap, revoke. */
@Controller
class ApiClientAdminController {

    /** How long the previous secret keeps working after a rotation, as the page offers it. */
    enum Overlap {
        NONE(Duration.ZERO, "No overlap: the old secret stops now"),
        ONE_HOUR(Duration.ofHours(1), "1 hour"),
        ONE_DAY(Duration.ofDays(1), "24 hours"),
        SEVEN_DAYS(Duration.ofDays(7), "7 days");

        final Duration duration;
        final String label;

        Overlap(Duration duration, String label) {
            this.duration = duration;
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    record ClientRow(
            String clientId,
            String name,
            String role,
            String organisation,
            boolean enabled,
            String created,
            String rotated,
            String previousUntil,
            String revoked) {

        static ClientRow of(ApiClientSummary c) {
            return new ClientRow(
                    c.clientId(),
                    c.name(),
                    c.role().displayName(),
                    c.organisation().value(),
                    c.enabled(),
                    ViewFormat.dateTime(c.createdAt()),
                    c.secretRotatedAt() == null ? null : ViewFormat.dateTime(c.secretRotatedAt()),
                    c.previousSecretExpiresAt() == null ? null : ViewFormat.dateTime(c.previousSecretExpiresAt()),
                    c.revokedAt() == null ? null : ViewFormat.dateTime(c.revokedAt()));
        }
    }

    private final IdentityAdministration identities;
    private final AdminService admin;

    ApiClientAdminController(IdentityAdministration identities, AdminService admin) {
        this.identities = identities;
        this.admin = admin;
    }

    @GetMapping("/admin/api-clients")
    String list(Model model) {
        model.addAttribute(
                "clients", identities.clients().stream().map(ClientRow::of).toList());
        return "admin/api-clients";
    }

    @GetMapping("/admin/api-clients/new")
    String newClient(Model model) {
        return form(ApiClientForm.empty(), ErrorSummary.NONE, model);
    }

    @PostMapping("/admin/api-clients/new")
    String create(
            Actor actor,
            @Valid @ModelAttribute("form") ApiClientForm form,
            BindingResult binding,
            Model model,
            HttpServletResponse response) {
        if (binding.hasErrors()) {
            return form(form, ErrorSummary.of(binding, ApiClientForm.FIELDS), model);
        }
        try {
            String secret = admin.createClient(actor, form.clientId(), form.name(), form.role(), form.ods());
            return secret(form.clientId(), secret, "API client created", null, model, response);
        } catch (IdentityAdministration.Refused refused) {
            binding.rejectValue(refused.field(), "refused", refused.getMessage());
            return form(form, ErrorSummary.of(binding, ApiClientForm.FIELDS), model);
        }
    }

    @GetMapping("/admin/api-clients/{id}")
    String show(@PathVariable String id, Model model) {
        model.addAttribute("client", ClientRow.of(existing(id)));
        model.addAttribute("overlaps", List.of(Overlap.values()));
        return "admin/api-client";
    }

    @PostMapping("/admin/api-clients/{id}/rotate")
    String rotate(
            Actor actor,
            @PathVariable String id,
            @RequestParam(name = "overlap", defaultValue = "ONE_DAY") Overlap overlap,
            Model model,
            HttpServletResponse response) {
        ApiClientSummary client = existing(id);
        if (!client.enabled()) {
            throw new ResponseStatusException(HttpStatus.CONFLICT);
        }
        String secret = admin.rotateSecret(actor, client.clientId(), overlap.duration);
        String note = overlap == Overlap.NONE
                ? "The previous secret no longer works."
                : "The previous secret keeps working for " + overlap.label + ".";
        return secret(client.clientId(), secret, "New secret", note, model, response);
    }

    @PostMapping("/admin/api-clients/{id}/revoke")
    String revoke(Actor actor, @PathVariable String id, RedirectAttributes redirect) {
        ApiClientSummary client = existing(id);
        admin.revokeClient(actor, client.clientId());
        redirect.addFlashAttribute("success", "API client revoked. Its secrets and tokens are refused.");
        return "redirect:/admin/api-clients/" + client.clientId();
    }

    private ApiClientSummary existing(String id) {
        return identities.client(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    /** The secret, once: the page is not cached and the hub keeps only its hash. */
    private static String secret(
            String clientId, String secret, String title, String note, Model model, HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        model.addAttribute("clientId", clientId);
        model.addAttribute("secret", secret);
        model.addAttribute("secretTitle", title);
        model.addAttribute("note", note);
        return "admin/api-client-secret";
    }

    private static String form(ApiClientForm form, ErrorSummary errors, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute(
                "roles", Arrays.stream(Role.values()).filter(Role::system).toList());
        return "admin/api-client-new";
    }
}
