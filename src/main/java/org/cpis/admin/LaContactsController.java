package org.cpis.admin;

import jakarta.validation.Valid;
import org.cpis.identity.Actor;
import org.cpis.organisations.Organisations;
import org.cpis.organisations.RegistryEntry;
import org.cpis.shared.web.ErrorSummary;
import org.cpis.shared.web.ViewFormat;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The LA data manager keeps the numbers clinicians are told to ring, for their own authority only. */
@Controller
class LaContactsController {

    private final Organisations organisations;
    private final AdminService admin;

    LaContactsController(Organisations organisations, AdminService admin) {
        this.organisations = organisations;
        this.admin = admin;
    }

    @GetMapping("/settings/contacts")
    String show(Actor actor, Model model) {
        RegistryEntry la = ownAuthority(actor);
        return page(la, ContactsForm.of(la), ErrorSummary.NONE, model);
    }

    @PostMapping("/settings/contacts")
    String save(
            Actor actor,
            @Valid @ModelAttribute("form") ContactsForm form,
            BindingResult binding,
            Model model,
            RedirectAttributes redirect) {
        if (binding.hasErrors()) {
            return page(ownAuthority(actor), form, ErrorSummary.of(binding, ContactsForm.FIELDS), model);
        }
        admin.updateContacts(actor, form);
        redirect.addFlashAttribute(
                "success", "Contact details saved and confirmed. Clinicians see them from their next check.");
        return "redirect:/settings/contacts";
    }

    private RegistryEntry ownAuthority(Actor actor) {
        return organisations
                .entry(actor.organisation())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private static String page(RegistryEntry la, ContactsForm form, ErrorSummary errors, Model model) {
        model.addAttribute("la", la);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute(
                "confirmedOn", la.contactsConfirmedOn() == null ? null : ViewFormat.date(la.contactsConfirmedOn()));
        return "settings/contacts";
    }
}
