package org.cpis.organisations;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/** The administrator's view of the registry, and loading the operator's registry files from the browser. */
@Controller
class OrganisationsController {

    private final Organisations organisations;

    OrganisationsController(Organisations organisations) {
        this.organisations = organisations;
    }

    @GetMapping("/admin/organisations")
    String list(@RequestParam(name = "q", required = false) String query, Model model) {
        model.addAttribute("query", query);
        model.addAttribute("organisations", organisations.search(query, 100));
        return "admin/organisations";
    }

    @PostMapping("/admin/organisations/import")
    String importFile(@RequestParam("kind") String kind, @RequestParam("file") MultipartFile file, Model model)
            throws IOException {
        ImportResult result;
        try (Reader reader = new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8)) {
            result = "care-settings".equals(kind)
                    ? organisations.importCareSettings(reader)
                    : organisations.importLocalAuthorities(reader);
        }
        model.addAttribute("result", result);
        model.addAttribute("organisations", organisations.search("", 100));
        return "admin/organisations";
    }
}
