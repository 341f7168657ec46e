package org.cpis.identity;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

/** The administrator's list of people and API clients locked out after repeated failures, and unlocking one. */
@Controller
class LockoutAdminController {

    /** What to unlock: request parameters {@code kind} (PERSON or CLIENT) and {@code id}. */
    record UnlockForm(
            @NotNull Lockouts.Kind kind,

            @NotNull @Pattern(regexp = "[A-Za-z0-9._@\\-]{1,100}")
            String id) {}

    private final Lockouts lockouts;

    LockoutAdminController(Lockouts lockouts) {
        this.lockouts = lockouts;
    }

    @GetMapping("/admin/lockouts")
    String list(Model model) {
        model.addAttribute("locked", lockouts.lockedNow());
        return "admin/lockouts";
    }

    @PostMapping("/admin/lockouts/unlock")
    String unlock(Actor actor, @Valid @ModelAttribute UnlockForm form, BindingResult binding) {
        if (binding.hasErrors() || !lockouts.unlock(form.kind(), form.id(), actor)) {
            return "redirect:/admin/lockouts?notLocked";
        }
        return "redirect:/admin/lockouts?unlocked";
    }
}
