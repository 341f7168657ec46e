package org.cpis.accountability;

import org.cpis.audit.AuditVerification;
import org.cpis.shared.web.ViewFormat;

/** The last verification of the audit chain as the pages show it; {@code ran} false when none has run yet. */
record IntegrityView(
        boolean ran, boolean intact, String when, long checked, Long headId, Long firstBrokenId, String reason) {

    static IntegrityView of(AuditVerification v) {
        if (v == null) {
            return new IntegrityView(false, true, null, 0, null, null, null);
        }
        return new IntegrityView(
                true,
                v.intact(),
                ViewFormat.dateTimeSeconds(v.verifiedAt()),
                v.checked(),
                v.headId(),
                v.firstBrokenId(),
                v.reason());
    }
}
