package org.cpis.accountability;

import org.cpis.audit.AuditIntegrity;
import org.cpis.audit.AuditVerification;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/** The audit chain's integrity, for administrators and privacy officers: the last verification, and verify now. */
@Controller
class IntegrityController {

    private final AuditIntegrity integrity;

    IntegrityController(AuditIntegrity integrity) {
        this.integrity = integrity;
    }

    @GetMapping("/audit/integrity")
    String show(Model model) {
        model.addAttribute("verification", IntegrityView.of(integrity.latest().orElse(null)));
        return "audit/integrity";
    }

    @PostMapping("/audit/integrity")
    String verify(Model model) {
        AuditVerification result = integrity.verifyNow();
        model.addAttribute("verification", IntegrityView.of(result));
        model.addAttribute("justVerified", true);
        return "audit/integrity";
    }
}
