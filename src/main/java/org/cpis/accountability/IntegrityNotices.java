package org.cpis.accountability;

import java.util.List;
import org.cpis.audit.AuditIntegrity;
import org.cpis.identity.Actor;
import org.cpis.identity.HomeNotices;
import org.cpis.identity.Role;
import org.springframework.stereotype.Component;

/** A broken audit chain is the first thing a privacy officer or administrator sees on their home page. */
@Component
class IntegrityNotices implements HomeNotices {

    private final AuditIntegrity integrity;

    IntegrityNotices(AuditIntegrity integrity) {
        this.integrity = integrity;
    }

    @Override
    public List<String> noticesFor(Actor actor) {
        if (!actor.hasRole(Role.PRIVACY_OFFICER, Role.ADMINISTRATOR)) {
            return List.of();
        }
        return integrity
                .latest()
                .filter(v -> !v.intact())
                .map(v -> List.of("The audit trail's chain is broken at entry " + v.firstBrokenId() + " ("
                        + v.reason() + "), found " + IntegrityView.of(v).when()
                        + ". An entry has been changed, removed or forged outside the hub: see Audit trail integrity."))
                .orElse(List.of());
    }
}
