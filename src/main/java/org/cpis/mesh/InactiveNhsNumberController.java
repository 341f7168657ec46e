package org.cpis.mesh;

import jakarta.validation.Valid;
import org.cpis.identity.Actor;
import org.cpis.shared.NhsNumber;
import org.cpis.shared.web.ErrorSummary;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

/** {@code /admin/nhs-numbers}: an administrator marks an NHS number superseded or inactive; holders are told. */
@Controller
class InactiveNhsNumberController {

    private final InactiveNhsNumbers numbers;

    InactiveNhsNumberController(InactiveNhsNumbers numbers) {
        this.numbers = numbers;
    }

    @GetMapping("/admin/nhs-numbers")
    String form(Model model) {
        return page(InactiveNhsNumberForm.empty(), ErrorSummary.NONE, null, model);
    }

    @PostMapping("/admin/nhs-numbers")
    String mark(
            Actor actor,
            @Valid @ModelAttribute("form") InactiveNhsNumberForm form,
            BindingResult binding,
            Model model) {
        if (binding.hasErrors()) {
            return page(form, ErrorSummary.of(binding, "nhsNumber", "status", "newNhsNumber"), null, model);
        }
        InactiveNhsNumbers.Marked marked = numbers.mark(
                actor,
                NhsNumber.of(form.nhsNumber()),
                form.status(),
                form.newNhsNumber() == null || form.newNhsNumber().isBlank()
                        ? null
                        : NhsNumber.of(form.newNhsNumber()));
        return page(InactiveNhsNumberForm.empty(), ErrorSummary.NONE, marked, model);
    }

    private static String page(
            InactiveNhsNumberForm form, ErrorSummary errors, InactiveNhsNumbers.Marked marked, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("marked", marked);
        return "admin/nhs-numbers";
    }
}
