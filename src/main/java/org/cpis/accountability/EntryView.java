package org.cpis.accountability;

import java.util.List;
import org.cpis.audit.AuditReports;
import org.cpis.shared.web.ViewFormat;

/** An audit entry as the report pages show it. */
record EntryView(
        String when,
        String actorId,
        String actorRole,
        String organisation,
        String action,
        String outcome,
        String detail) {

    static List<EntryView> of(List<AuditReports.Entry> rows) {
        return rows.stream()
                .map(e -> new EntryView(
                        ViewFormat.dateTimeSeconds(e.at()),
                        e.actorId(),
                        e.actorRole(),
                        e.actorOrganisation(),
                        e.action(),
                        e.outcome(),
                        e.detail()))
                .toList();
    }
}
