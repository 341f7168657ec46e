package org.cpis.organisations;

import jakarta.validation.Valid;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import org.cpis.shared.web.ErrorSummary;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The administrator's view of the registry, and loading the operator's registry files from the browser. */
@Controller
class OrganisationsController {

    static final int LISTED = 100;

    private final Organisations organisations;

    OrganisationsController(Organisations organisations) {
        this.organisations = organisations;
    }

    @GetMapping("/admin/organisations")
    String list(@RequestParam(name = "q", required = false) String query, Model model) {
        return page(query, ErrorSummary.NONE, model);
    }

    @PostMapping("/admin/organisations/import")
    String importFile(@Valid @ModelAttribute("form") RegistryImportForm form, BindingResult binding, Model model)
            throws IOException {
        if (binding.hasErrors()) {
            return page("", ErrorSummary.of(binding, "kind", "file"), model);
        }
        try (Reader reader = new InputStreamReader(form.file().getInputStream(), StandardCharsets.UTF_8)) {
            model.addAttribute(
                    "result",
                    switch (form.kind()) {
                        case LOCAL_AUTHORITIES -> organisations.importLocalAuthorities(reader);
                        case CARE_SETTINGS -> organisations.importCareSettings(reader);
                    });
        }
        return page("", ErrorSummary.NONE, model);
    }

    private String page(String query, ErrorSummary errors, Model model) {
        model.addAttribute("query", query);
        model.addAttribute("errors", errors);
        model.addAttribute("organisations", organisations.search(query, LISTED));
        return "admin/organisations";
    }
}
