package org.cpis.notifications;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A notification as LA systems receive it (docs/interfaces.md section 5): the webhook body and the pull API's item. */
final class NotificationPayload {

    static final String UNSCHEDULED_ACCESS = "cpis.unscheduled-access";
    static final String INACTIVE_NHS_NUMBER = "cpis.inactive-nhs-number";

    private NotificationPayload() {}

    /** With each access counted on it (who and when), as the pull API and the webhook send it. */
    static Map<String, Object> webhook(Notification n, List<Notification.AccessedBy> accesses) {
        Map<String, Object> body = webhook(n);
        body.put(
                "accesses",
                accesses.stream()
                        .map(a -> new LinkedHashMap<>(
                                Map.of("accessedAt", a.at().toString(), "name", a.name(), "role", a.role())))
                        .toList());
        return body;
    }

    static Map<String, Object> webhook(Notification n) {
        Map<String, Object> child = new LinkedHashMap<>();
        child.put("nhsNumber", n.nhsNumber());
        child.put(
                "localIds",
                n.localIds() == null ? List.of() : List.of(n.localIds().split(",")));
        child.put("planTypes", List.of(n.planTypes().split(",")));
        Map<String, Object> organisation = new LinkedHashMap<>();
        organisation.put("odsCode", n.organisation().value());
        organisation.put("name", n.organisationName());
        organisation.put("careSettingType", n.careSettingType());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", UNSCHEDULED_ACCESS);
        body.put("id", n.id().toString());
        body.put("cursor", n.cursor());
        body.put("localAuthority", n.localAuthority().value());
        body.put("child", child);
        body.put("firstAccessedAt", n.firstAccessedAt().toString());
        body.put("lastAccessedAt", n.lastAccessedAt().toString());
        body.put("accessCount", n.accessCount());
        body.put("accessedBy", new LinkedHashMap<>(Map.of("name", n.accessedByName(), "role", n.accessedByRole())));
        body.put("organisation", organisation);
        body.put("allocatedWorker", n.allocatedWorker());
        return body;
    }

    /** The pull API's view: the webhook body plus where the LA's own review stands. */
    static Map<String, Object> withState(Notification n, List<Notification.AccessedBy> accesses) {
        Map<String, Object> body = webhook(n, accesses);
        body.put("status", n.status().name());
        body.put("acknowledged", n.acknowledgedAt() != null);
        body.put("escalated", n.escalatedAt() != null);
        return body;
    }

    /**
     * An inactive NHS number notice (issue 18), as the webhook sends it: its own {@code type}, the child as the LA holds
     * them (in the access notification's {@code child} shape) and what became of the number.
     */
    static Map<String, Object> notice(InactiveNumberNotice n) {
        Map<String, Object> child = new LinkedHashMap<>();
        child.put("nhsNumber", n.nhsNumber());
        child.put("localIds", n.localIds());
        child.put("planTypes", n.planTypes());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", INACTIVE_NHS_NUMBER);
        body.put("id", n.id().toString());
        body.put("cursor", n.cursor());
        body.put("localAuthority", n.localAuthority().value());
        body.put("child", child);
        body.put("nhsNumberStatus", n.status().name());
        body.put("newNhsNumber", n.newNhsNumber());
        body.put("markedAt", n.markedAt().toString());
        return body;
    }

    /** The pull API's view of a notice: the webhook body and whether the LA acknowledged it. */
    static Map<String, Object> withState(InactiveNumberNotice n) {
        Map<String, Object> body = notice(n);
        body.put("acknowledged", n.acknowledgedAt() != null);
        return body;
    }
}
