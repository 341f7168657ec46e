package org.cpis.workbench;

import java.util.List;
import java.util.Locale;
import org.cpis.identity.Actor;
import org.cpis.lookup.Access;
import org.cpis.lookup.Lookup;
import org.cpis.notifications.Notification;
import org.cpis.organisations.CareSetting;
import org.cpis.organisations.Organisations;
import org.cpis.records.ChildRecords;
import org.cpis.shared.NhsNumber;
import org.cpis.shared.web.ErrorSummary;
import org.cpis.shared.web.ViewFormat;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * One notification as its page shows it: who accessed the child's record from where, the child's earlier unscheduled
 * accesses, the health setting's phone number, and the review form.
 */
@Component
class NotificationPage {

    private final Organisations organisations;
    private final Lookup lookup;
    private final ChildRecords records;

    NotificationPage(Organisations organisations, Lookup lookup, ChildRecords records) {
        this.organisations = organisations;
        this.lookup = lookup;
        this.records = records;
    }

    /** One of the LA's records of the child, linked from the notification. */
    record ChildRecord(long id, String name, String plan) {}

    record Phone(String number, String href) {

        static Phone of(String number) {
            if (number == null || number.isBlank()) {
                return null;
            }
            return new Phone(number.strip(), "tel:" + number.replaceAll("[^0-9+]", ""));
        }
    }

    record AccessView(
            String when,
            String whenIso,
            String organisationName,
            String organisationOds,
            String careSetting,
            String role) {}

    record Details(
            String id,
            String nhsNumber,
            String localIds,
            String plans,
            String firstAccessed,
            String firstAccessedIso,
            String lastAccessed,
            String lastAccessedIso,
            int accessCount,
            String accessedBy,
            String accessedByRole,
            String organisationName,
            String organisationOds,
            String careSetting,
            Phone phone,
            String routedTo,
            NotificationText.Status status,
            String escalatedAt,
            boolean closed,
            String closedAt,
            String reviewedBy,
            String contactedSetting,
            String outcomeNote) {

        /** The note's lines, so the page keeps the reviewer's line breaks. */
        public List<String> outcomeLines() {
            return outcomeNote == null ? List.of() : List.of(outcomeNote.split("\\R", -1));
        }
    }

    String render(Actor actor, Notification n, ReviewForm form, ErrorSummary errors, Model model) {
        // The LA holds the child's name; the notification itself carries none (it also goes to the LA's systems).
        List<ChildRecord> childRecords = records.ofChild(actor, n.nhsNumber()).stream()
                .map(r -> new ChildRecord(
                        r.id(),
                        r.familyName().toUpperCase(Locale.UK) + ", " + r.givenNames(),
                        r.planType().displayName()))
                .toList();
        model.addAttribute("childRecords", childRecords);
        model.addAttribute(
                "childName", childRecords.isEmpty() ? null : childRecords.get(0).name());
        Phone phone = organisations
                .careSetting(n.organisation())
                .map(CareSetting::phone)
                .map(Phone::of)
                .orElse(null);
        List<AccessView> accesses = lookup.accessHistory(NhsNumber.of(n.nhsNumber())).stream()
                .map(NotificationPage::access)
                .toList();
        model.addAttribute("n", details(n, phone));
        model.addAttribute("accesses", accesses);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("noteMax", ReviewForm.NOTE_MAX);
        return "notifications/notification";
    }

    private static Details details(Notification n, Phone phone) {
        String contacted = n.contactedSetting() == null ? null : n.contactedSetting() ? "Yes" : "No";
        return new Details(
                n.id().toString(),
                ViewFormat.nhsNumber(n.nhsNumber()),
                NotificationText.localIds(n.localIds()),
                NotificationText.plans(n.planTypes()),
                ViewFormat.dateTime(n.firstAccessedAt()),
                n.firstAccessedAt().toString(),
                ViewFormat.dateTime(n.lastAccessedAt()),
                n.lastAccessedAt().toString(),
                n.accessCount(),
                n.accessedByName(),
                NotificationText.role(n.accessedByRole()),
                n.organisationName(),
                n.organisation().value(),
                NotificationText.careSetting(n.careSettingType()),
                phone,
                n.allocatedWorker() != null ? "Allocated social worker (" + n.allocatedWorker() + ")" : "MASH queue",
                NotificationText.status(n),
                n.escalatedAt() == null ? null : ViewFormat.dateTime(n.escalatedAt()),
                !n.unreviewed(),
                n.closedAt() == null ? null : ViewFormat.dateTime(n.closedAt()),
                n.reviewedBy(),
                contacted,
                n.outcomeNote());
    }

    private static AccessView access(Access access) {
        return new AccessView(
                ViewFormat.dateTime(access.accessedAt()),
                access.accessedAt().toString(),
                access.organisationName(),
                access.organisation().value(),
                access.careSettingType() == null
                        ? ViewFormat.NOT_RECORDED
                        : access.careSettingType().displayName(),
                NotificationText.role(access.actorRole()));
    }
}
