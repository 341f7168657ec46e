package org.cpis.workbench;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.cpis.audit.Audit;
import org.cpis.audit.AuditEntry;
import org.cpis.identity.Actor;
import org.cpis.identity.People;
import org.cpis.notifications.Notification;
import org.cpis.notifications.Notifications;
import org.cpis.shared.NhsNumber;
import org.cpis.shared.web.TraceIdFilter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What LA staff do on the workbench, each with its audit entry in the same transaction. */
@Service
class WorkbenchService {

    static final String VIEWED = "NOTIFICATION_VIEWED";
    static final String REVIEWED = "NOTIFICATION_REVIEWED";

    /** How a review ended, as the audit entry records it. */
    enum Outcome {
        SAVED,
        CLOSED
    }

    private final Notifications notifications;
    private final People people;
    private final Audit audit;

    WorkbenchService(Notifications notifications, People people, Audit audit) {
        this.notifications = notifications;
        this.people = people;
        this.audit = audit;
    }

    /** Another LA's notification is not found. Opening one is a read of a child's record: audited. */
    @Transactional
    Optional<Notification> open(Actor actor, UUID id) {
        Optional<Notification> found = notifications.find(actor.organisation(), id);
        found.ifPresent(n -> audit.record(entry(actor, VIEWED, n, "FOUND", null)));
        return found;
    }

    @Transactional(readOnly = true)
    Optional<Notification> find(Actor actor, UUID id) {
        return notifications.find(actor.organisation(), id);
    }

    @Transactional
    void review(Actor actor, Notification n, boolean contacted, String note, boolean close) {
        if (notifications.review(actor.organisation(), n.id(), actor.id(), contacted, note, close)) {
            Outcome outcome = close ? Outcome.CLOSED : Outcome.SAVED;
            audit.record(
                    entry(actor, REVIEWED, n, outcome.name(), "contacted=" + contacted + " note=" + !note.isEmpty()));
        }
    }

    /** Closes those still open; the note, if any, goes on each one not already reviewed with a note. */
    @Transactional
    int closeAll(Actor actor, List<UUID> ids, String note) {
        List<Notification> open = ids.stream()
                .map(id -> notifications.find(actor.organisation(), id))
                .flatMap(Optional::stream)
                .filter(Notification::unreviewed)
                .toList();
        int count = notifications.closeAll(
                actor.organisation(), open.stream().map(Notification::id).toList(), actor.id(), note);
        audit.recordAll(open.stream()
                .map(n -> entry(actor, REVIEWED, n, Outcome.CLOSED.name(), "bulk=true note=" + !note.isEmpty()))
                .toList());
        return count;
    }

    /** The worker's e-mail, as the LA's case system names the allocated worker; null if none is known. */
    String email(Actor actor) {
        return people.email(actor)
                .filter(e -> !e.isBlank())
                .map(e -> e.strip().toLowerCase(Locale.ROOT))
                .orElse(null);
    }

    private static AuditEntry entry(Actor actor, String action, Notification n, String outcome, String detail) {
        return new AuditEntry(
                actor.id(),
                actor.role().name(),
                actor.organisation().value(),
                action,
                NhsNumber.of(n.nhsNumber()),
                n.id().toString(),
                outcome,
                TraceIdFilter.current(),
                detail);
    }
}
