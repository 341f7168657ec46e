package org.cpis.missingalerts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.cpis.identity.Role;
import org.cpis.organisations.LocalAuthority;
import org.cpis.organisations.Organisations;
import org.cpis.shared.OdsCode;
import org.cpis.shared.web.ViewFormat;
import org.springframework.stereotype.Component;

/** What the missing-alert pages show, built from the reports and the organisation registry. */
@Component
class MissingAlertPages {

    private final Organisations organisations;

    MissingAlertPages(Organisations organisations) {
        this.organisations = organisations;
    }

    /** A select option. */
    record Option(String value, String text, boolean selected) {}

    /** A telephone number or e-mail address with its link. */
    record Contact(String text, String href) {}

    /** A report as the LA's pages show it. */
    record ReportView(
            UUID id,
            String nhsNumber,
            String reportedAt,
            Instant reportedInstant,
            String reporterName,
            String reporterRole,
            String organisation,
            Contact phone,
            Contact email,
            String note,
            String resolvedBy,
            String resolvedAt,
            Instant resolvedInstant) {}

    /** The local authority's numbers as the confirmation page shows them. */
    record LaView(String name, Contact emergencyDutyPhone, Contact officeHoursPhone) {}

    /** Every local authority by name, the one typed selected. */
    List<Option> localAuthorities(String selected) {
        List<Option> options = new ArrayList<>();
        options.add(new Option("", "Select a local authority", selected.isEmpty()));
        organisations.localAuthorities().stream()
                .sorted(Comparator.comparing(LocalAuthority::name, String.CASE_INSENSITIVE_ORDER))
                .forEach(la -> options.add(new Option(
                        la.odsCode().value(), la.name(), la.odsCode().value().equalsIgnoreCase(selected))));
        return options;
    }

    LaView localAuthority(String ods) {
        return organisations
                .localAuthority(new OdsCode(ods))
                .map(a -> new LaView(a.name(), phone(a.emergencyDutyPhone()), phone(a.officeHoursPhone())))
                .orElse(new LaView("the local authority", null, null));
    }

    static List<ReportView> views(List<MissingAlert> alerts) {
        return alerts.stream().map(MissingAlertPages::view).toList();
    }

    private static ReportView view(MissingAlert a) {
        return new ReportView(
                a.id(),
                a.nhsNumber().formatted(),
                ViewFormat.dateTime(a.createdAt()),
                a.createdAt(),
                a.reporterName(),
                ViewFormat.codeName(a.reporterRole(), Role.class, Role::displayName),
                a.reporterOrganisationName() + " (" + a.reporterOrganisation().value() + ")",
                phone(a.contactPhone()),
                a.contactEmail() == null ? null : new Contact(a.contactEmail(), "mailto:" + a.contactEmail()),
                a.note(),
                a.resolvedBy(),
                a.resolvedAt() == null ? null : ViewFormat.dateTime(a.resolvedAt()),
                a.resolvedAt());
    }

    private static Contact phone(String number) {
        if (number == null || number.isBlank()) {
            return null;
        }
        return new Contact(number.strip(), "tel:" + number.replaceAll("[^0-9+]", ""));
    }
}
