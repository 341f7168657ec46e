package org.cpis.workbench;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.cpis.identity.Role;
import org.cpis.notifications.Notification;
import org.cpis.organisations.CareSettingType;
import org.cpis.shared.PlanType;
import org.cpis.shared.web.ViewFormat;

/** A notification's stored codes and lists in the words the workbench pages use. */
final class NotificationText {

    private NotificationText() {}

    /** A status as the pages show it: words and an NHS.UK tag colour. */
    record Status(String text, String tagClass) {}

    static Status status(Notification n) {
        if (!n.unreviewed()) {
            return new Status("Closed", "nhsuk-tag--grey");
        }
        if (n.reviewedBy() != null) {
            return new Status("In review", "nhsuk-tag--yellow");
        }
        return new Status("Unreviewed", "nhsuk-tag--blue");
    }

    /** The child as the LA knows them: their local ids, or the NHS number if there are none. */
    static String child(Notification n) {
        String localIds = localIds(n.localIds());
        return localIds == null ? ViewFormat.nhsNumber(n.nhsNumber()) : localIds;
    }

    static String localIds(String ids) {
        if (ids == null || ids.isBlank()) {
            return null;
        }
        return Arrays.stream(ids.split(",")).map(String::strip).collect(Collectors.joining(", "));
    }

    static String plans(String codes) {
        if (codes == null || codes.isBlank()) {
            return "";
        }
        return Arrays.stream(codes.split(","))
                .map(String::strip)
                .map(c -> ViewFormat.codeName(c, PlanType.class, PlanType::displayName))
                .collect(Collectors.joining(", "));
    }

    static String careSetting(String code) {
        return ViewFormat.codeName(code, CareSettingType.class, CareSettingType::displayName);
    }

    static String role(String code) {
        return ViewFormat.codeName(code, Role.class, Role::displayName);
    }
}
