package org.cpis.admin;

import jakarta.validation.Valid;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.cpis.identity.Actor;
import org.cpis.organisations.CareSettingType;
import org.cpis.organisations.Organisations;
import org.cpis.organisations.RegistryEntry;
import org.cpis.shared.InvalidIdentifierException;
import org.cpis.shared.OdsCode;
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
import org.springframework.web.util.UriComponentsBuilder;

/** The registry for the operator's administrators: list, search, create, edit, deactivate, load a file. */
@Controller
class OrganisationAdminController {

    static final int PAGE_SIZE = 50;
    static final String[] FIELDS = {
        "odsCode",
        "kind",
        "name",
        "careSettingType",
        "phone",
        "emergencyDutyPhone",
        "officeHoursPhone",
        "dutyTeamEmail",
        "mashEmail"
    };

    private final Organisations organisations;
    private final AdminService admin;

    OrganisationAdminController(Organisations organisations, AdminService admin) {
        this.organisations = organisations;
        this.admin = admin;
    }

    @GetMapping("/admin/organisations")
    String list(
            @RequestParam(name = "q", required = false, defaultValue = "") String query,
            @RequestParam(name = "page", required = false, defaultValue = "1") int page,
            Model model) {
        return listPage(query, Math.max(1, page), ErrorSummary.NONE, model);
    }

    @PostMapping("/admin/organisations/import")
    String importFile(
            Actor actor, @Valid @ModelAttribute("form") RegistryImportForm form, BindingResult binding, Model model)
            throws IOException {
        if (binding.hasErrors()) {
            return listPage("", 1, ErrorSummary.of(binding, "kind", "file"), model);
        }
        try (Reader reader = new InputStreamReader(form.file().getInputStream(), StandardCharsets.UTF_8)) {
            model.addAttribute("result", admin.importRegistry(actor, form.kind(), reader));
        }
        return listPage("", 1, ErrorSummary.NONE, model);
    }

    @GetMapping("/admin/organisations/new")
    String newOrganisation(Model model) {
        return form(OrganisationForm.empty(), null, ErrorSummary.NONE, model);
    }

    @PostMapping("/admin/organisations/new")
    String create(
            Actor actor,
            @Valid @ModelAttribute("form") OrganisationForm form,
            BindingResult binding,
            Model model,
            RedirectAttributes redirect) {
        form.check(binding, null);
        if (binding.hasErrors()) {
            return form(form, null, ErrorSummary.of(binding, FIELDS), model);
        }
        if (!admin.createOrganisation(actor, form.entry(form.ods(), form.kind()))) {
            binding.rejectValue("odsCode", "taken", "An organisation with this ODS code is already registered");
            return form(form, null, ErrorSummary.of(binding, FIELDS), model);
        }
        redirect.addFlashAttribute("success", "Organisation saved.");
        return "redirect:/admin/organisations/" + form.ods().value();
    }

    @GetMapping("/admin/organisations/{ods}")
    String edit(@PathVariable String ods, Model model) {
        RegistryEntry entry = existing(ods);
        return form(OrganisationForm.of(entry), entry, ErrorSummary.NONE, model);
    }

    @PostMapping("/admin/organisations/{ods}")
    String update(
            Actor actor,
            @PathVariable String ods,
            @Valid @ModelAttribute("form") OrganisationForm form,
            BindingResult binding,
            Model model,
            RedirectAttributes redirect) {
        RegistryEntry entry = existing(ods);
        // The code and kind of an existing organisation are not changed here; odsCode is not part of the edit form.
        form.check(binding, entry.kind());
        if (binding.hasErrors()) {
            return form(form, entry, ErrorSummary.of(binding, FIELDS), model);
        }
        admin.updateOrganisation(actor, form.entry(entry.odsCode(), entry.kind()));
        redirect.addFlashAttribute("success", "Organisation saved.");
        return "redirect:/admin/organisations/" + entry.odsCode().value();
    }

    @PostMapping("/admin/organisations/{ods}/active")
    String setActive(
            Actor actor,
            @PathVariable String ods,
            @RequestParam("active") boolean active,
            RedirectAttributes redirect) {
        RegistryEntry entry = existing(ods);
        admin.setActive(actor, entry.odsCode(), active);
        redirect.addFlashAttribute(
                "success",
                active
                        ? "Organisation reactivated."
                        : "Organisation deactivated. Its people can no longer sign in and its systems are refused.");
        return "redirect:/admin/organisations/" + entry.odsCode().value();
    }

    private RegistryEntry existing(String ods) {
        try {
            return organisations
                    .entry(OdsCode.of(ods))
                    .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        } catch (InvalidIdentifierException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    private String form(OrganisationForm form, RegistryEntry existing, ErrorSummary errors, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("existing", existing);
        model.addAttribute("errors", errors);
        model.addAttribute("careSettingTypes", Arrays.asList(CareSettingType.values()));
        return "admin/organisation";
    }

    private String listPage(String query, int page, ErrorSummary errors, Model model) {
        RegistryEntry.Page found = organisations.list(query, page - 1, PAGE_SIZE);
        int pages = (int) Math.max(1, (found.total() + PAGE_SIZE - 1) / PAGE_SIZE);
        model.addAttribute("query", query);
        model.addAttribute("errors", errors);
        model.addAttribute("organisations", found.items());
        model.addAttribute("total", found.total());
        model.addAttribute("page", page);
        model.addAttribute("first", found.total() == 0 ? 0 : (long) (page - 1) * PAGE_SIZE + 1);
        model.addAttribute("last", (long) (page - 1) * PAGE_SIZE + found.items().size());
        Pagination.of(page, pages, n -> href("/admin/organisations", query, n)).addTo(model);
        return "admin/organisations";
    }

    static String href(String path, String query, int page) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path);
        if (!query.isBlank()) {
            uri.queryParam("q", query);
        }
        return uri.queryParam("page", page).encode().build().toUriString();
    }
}
