package org.cpis.admin;

import jakarta.validation.Valid;
import java.util.Arrays;
import org.cpis.identity.Actor;
import org.cpis.identity.IdentityAdministration;
import org.cpis.identity.IdentityAdministration.PersonPage;
import org.cpis.identity.IdentityAdministration.PersonSummary;
import org.cpis.identity.Role;
import org.cpis.shared.web.ErrorSummary;
import org.cpis.shared.web.Pagination;
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

/** People for the operator's administrators: list, create, change role and organisation, disable, bind OIDC. */
@Controller
class PeopleAdminController {

    static final int PAGE_SIZE = 50;

    private final IdentityAdministration identities;
    private final AdminService admin;

    PeopleAdminController(IdentityAdministration identities, AdminService admin) {
        this.identities = identities;
        this.admin = admin;
    }

    @GetMapping("/admin/people")
    String list(
            @RequestParam(name = "q", required = false, defaultValue = "") String query,
            @RequestParam(name = "page", required = false, defaultValue = "1") int page,
            Model model) {
        int current = Math.max(1, page);
        PersonPage found = identities.people(query, current - 1, PAGE_SIZE);
        int pages = (int) Math.max(1, (found.total() + PAGE_SIZE - 1) / PAGE_SIZE);
        model.addAttribute("query", query);
        model.addAttribute("people", found.items().stream().map(PersonRow::of).toList());
        model.addAttribute("total", found.total());
        model.addAttribute("page", current);
        Pagination.of(current, pages, n -> OrganisationAdminController.href("/admin/people", query, n))
                .addTo(model);
        return "admin/people";
    }

    @GetMapping("/admin/people/new")
    String newPerson(Model model) {
        return form(PersonForm.empty(), null, ErrorSummary.NONE, model);
    }

    @PostMapping("/admin/people/new")
    String create(
            Actor actor,
            @Valid @ModelAttribute("form") PersonForm form,
            BindingResult binding,
            Model model,
            RedirectAttributes redirect) {
        form.checkNew(binding);
        if (binding.hasErrors()) {
            return form(form, null, ErrorSummary.of(binding, PersonForm.FIELDS), model);
        }
        try {
            admin.createPerson(actor, form.newPerson());
        } catch (IdentityAdministration.Refused refused) {
            binding.rejectValue(refused.field(), "refused", refused.getMessage());
            return form(form, null, ErrorSummary.of(binding, PersonForm.FIELDS), model);
        }
        redirect.addFlashAttribute("success", "Person saved.");
        return "redirect:/admin/people/" + form.username();
    }

    @GetMapping("/admin/people/{username}")
    String edit(@PathVariable String username, Model model) {
        PersonSummary person = existing(username);
        return form(PersonForm.of(person), PersonRow.of(person), ErrorSummary.NONE, model);
    }

    @PostMapping("/admin/people/{username}")
    String update(
            Actor actor,
            @PathVariable String username,
            @Valid @ModelAttribute("form") PersonForm form,
            BindingResult binding,
            Model model,
            RedirectAttributes redirect) {
        PersonSummary person = existing(username);
        if (binding.hasErrors()) {
            return form(form, PersonRow.of(person), ErrorSummary.of(binding, PersonForm.FIELDS), model);
        }
        try {
            admin.changePerson(actor, person.username(), form.change());
        } catch (IdentityAdministration.Refused refused) {
            binding.rejectValue(refused.field(), "refused", refused.getMessage());
            return form(form, PersonRow.of(person), ErrorSummary.of(binding, PersonForm.FIELDS), model);
        }
        redirect.addFlashAttribute("success", "Person saved.");
        return "redirect:/admin/people/" + person.username();
    }

    private PersonSummary existing(String username) {
        return identities.person(username).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private static String form(PersonForm form, PersonRow existing, ErrorSummary errors, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("existing", existing);
        model.addAttribute("errors", errors);
        model.addAttribute(
                "roles", Arrays.stream(Role.values()).filter(r -> !r.system()).toList());
        return "admin/person";
    }
}
