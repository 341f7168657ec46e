package org.cpis.workbench;

import java.util.List;
import java.util.Set;
import org.cpis.identity.Actor;
import org.cpis.identity.Role;
import org.cpis.notifications.Notification;
import org.cpis.notifications.Notifications;
import org.cpis.notifications.Notifications.Counts;
import org.cpis.notifications.Notifications.WorkbenchPage;
import org.cpis.shared.web.FieldError;
import org.cpis.shared.web.ViewFormat;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/** A workbench list as the page shows it: the role's tabs, one page of rows, and the duty team's bulk close. */
@Component
class WorkbenchListPage {

    static final int PAGE_SIZE = 25;

    private final Notifications notifications;
    private final WorkbenchService workbench;

    WorkbenchListPage(Notifications notifications, WorkbenchService workbench) {
        this.notifications = notifications;
        this.workbench = workbench;
    }

    /** One of the views the role may use, as a tab: its label, count (null: not counted) and link. */
    record Tab(String code, String label, Long count, String href, boolean selected) {

        /** Built here: Thymeleaf reads "__" in an attribute as pre-processing. */
        public String itemClass() {
            return selected ? "nhsuk-tabs__list-item--selected" : "";
        }

        public String text() {
            return count == null ? label : label + " (" + count + ")";
        }
    }

    record Row(
            String id,
            String href,
            String when,
            String whenIso,
            String child,
            String nhsNumber,
            String localIds,
            String plans,
            String organisation,
            String organisationOds,
            String careSetting,
            int accessCount,
            NotificationText.Status status,
            boolean escalated,
            String checkboxId,
            boolean selected) {}

    /** The bulk-close form as it was sent back with an error, or {@link #NONE}. */
    record Bulk(FieldError error, String note, Set<String> checked) {
        static final Bulk NONE = new Bulk(null, "", Set.of());
    }

    String render(Actor actor, WorkbenchView view, String query, int page, Bulk bulk, Model model) {
        String email = workbench.email(actor);
        Counts counts = notifications.counts(actor.organisation(), email);
        WorkbenchPage result =
                notifications.workbench(actor.organisation(), view.filter(), email, query, page - 1, PAGE_SIZE);
        List<Row> rows = result.items().stream()
                .map(n -> row(n, bulk.checked().contains(n.id().toString())))
                .toList();
        model.addAttribute("view", view.code());
        model.addAttribute("heading", view.heading());
        model.addAttribute("caption", view.caption());
        model.addAttribute("empty", view.empty());
        model.addAttribute("tabs", tabs(actor.role(), view, counts));
        model.addAttribute("query", query);
        model.addAttribute("rows", rows);
        model.addAttribute("bulk", actor.role() == Role.DUTY_TEAM && view.bulk());
        model.addAttribute("bulkError", linked(bulk.error(), rows));
        model.addAttribute("bulkNote", bulk.note());
        model.addAttribute("noteMax", ReviewForm.NOTE_MAX);
        model.addAttribute("noEmail", view == WorkbenchView.MINE && email == null);
        Pagination.of(view, query, page, result.total(), PAGE_SIZE).addTo(model, rows.size());
        return "notifications/list";
    }

    /** A selection error links to the first checkbox, or to the note when the list is empty. */
    private static FieldError linked(FieldError error, List<Row> rows) {
        if (error == null || error.href() != null) {
            return error;
        }
        return new FieldError(
                error.message(), rows.isEmpty() ? "#note" : "#" + rows.get(0).checkboxId());
    }

    private static List<Tab> tabs(Role role, WorkbenchView selected, Counts counts) {
        return WorkbenchView.of(role).stream()
                .map(v -> new Tab(v.code(), v.label(), v.count(counts), Pagination.href(v, "", 1), v == selected))
                .toList();
    }

    private static Row row(Notification n, boolean selected) {
        String nhs = ViewFormat.nhsNumber(n.nhsNumber());
        return new Row(
                n.id().toString(),
                "/notifications/" + n.id(),
                ViewFormat.shortDateTime(n.lastAccessedAt()),
                n.lastAccessedAt().toString(),
                NotificationText.child(n),
                nhs,
                NotificationText.localIds(n.localIds()),
                NotificationText.plans(n.planTypes()),
                n.organisationName(),
                n.organisation().value(),
                NotificationText.careSetting(n.careSettingType()),
                n.accessCount(),
                NotificationText.status(n),
                n.unreviewed() && n.escalatedAt() != null,
                "select-" + n.id(),
                selected);
    }
}
