package org.cpis.workbench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.cpis.identity.Role;
import org.cpis.notifications.Notifications.Counts;
import org.cpis.notifications.Notifications.View;
import org.springframework.security.access.AccessDeniedException;

/** The workbench's lists, as the pages name them; each role sees some of them. */
enum WorkbenchView {
    MINE(
            "Mine",
            "Your notifications",
            "Unscheduled care accesses by children allocated to you, not yet reviewed",
            "You have no notifications to review."),
    MASH(
            "MASH queue",
            "MASH queue",
            "Unscheduled care accesses by children with no allocated social worker, not yet reviewed",
            "The MASH queue is empty."),
    UNREVIEWED(
            "Unreviewed",
            "Unreviewed notifications",
            "Every notification for your local authority not yet reviewed, escalated ones first",
            "There are no unreviewed notifications."),
    ESCALATED(
            "Escalated",
            "Escalated notifications",
            "Notifications left unreviewed too long",
            "There are no escalated notifications."),
    CLOSED(
            "Closed",
            "Closed notifications",
            "Notifications your local authority has reviewed and closed",
            "There are no closed notifications."),
    ALL(
            "All",
            "All notifications",
            "Every notification for your local authority",
            "There are no notifications for your local authority.");

    private final String label;
    private final String heading;
    private final String caption;
    private final String empty;

    WorkbenchView(String label, String heading, String caption, String empty) {
        this.label = label;
        this.heading = heading;
        this.caption = caption;
        this.empty = empty;
    }

    String label() {
        return label;
    }

    String heading() {
        return heading;
    }

    String caption() {
        return caption;
    }

    String empty() {
        return empty;
    }

    /** As it appears in the URL: {@code ?view=mine}. */
    String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    View filter() {
        return View.valueOf(name());
    }

    /** The duty team closes the notifications of these lists in bulk. */
    boolean bulk() {
        return this == UNREVIEWED || this == ESCALATED;
    }

    /** How many are waiting, shown on the tab; null where a count means nothing. */
    Long count(Counts counts) {
        return switch (this) {
            case MINE -> counts.mine();
            case MASH -> counts.mash();
            case UNREVIEWED -> counts.unreviewed();
            case ESCALATED -> counts.escalated();
            case CLOSED, ALL -> null;
        };
    }

    /** The views each role may use; the first is where the role starts. */
    static List<WorkbenchView> of(Role role) {
        return switch (role) {
            case SOCIAL_WORKER -> List.of(MINE, CLOSED);
            case MASH -> List.of(MASH, CLOSED);
            case DUTY_TEAM -> List.of(UNREVIEWED, ESCALATED, MASH, CLOSED, ALL);
            default -> List.of();
        };
    }

    /**
     * The view asked for, the role's own first view if none, or empty for a view it may not use (or no such view).
     *
     * @throws AccessDeniedException if the role has no workbench at all
     */
    static Optional<WorkbenchView> chosen(Role role, String requested) {
        List<WorkbenchView> allowed = allowed(role);
        if (requested == null || requested.isBlank()) {
            return Optional.of(allowed.get(0));
        }
        return Arrays.stream(values())
                .filter(v -> v.name().equalsIgnoreCase(requested.strip()))
                .filter(allowed::contains)
                .findFirst();
    }

    /** @throws AccessDeniedException if the role has no workbench at all */
    static List<WorkbenchView> allowed(Role role) {
        List<WorkbenchView> allowed = of(role);
        if (allowed.isEmpty()) {
            throw new AccessDeniedException("the workbench is for social workers, MASH and the duty team");
        }
        return allowed;
    }
}
