package org.cpis.identity;

import java.util.List;

/**
 * What each role's home page offers. A task without a link describes work the hub does for that role but whose
 * pages are not yet built; it is shown so people know what to expect, never as a dead link.
 */
final class HomeTasks {

    record Task(String title, String description, String href) {}

    private HomeTasks() {}

    static List<Task> forRole(Role role) {
        return switch (role) {
            case UNSCHEDULED_CLINICIAN ->
                List.of(new Task(
                        "Check CP-IS for a child or pregnant woman",
                        "Look up a child protection plan, looked-after status or unborn child protection plan by NHS"
                                + " number. The responsible local authority is told of your check.",
                        "/lookup"));
            case SCHEDULED_CLINICIAN ->
                List.of(new Task(
                        "Check CP-IS for a child or pregnant woman",
                        "Look up a plan by NHS number. Checks from scheduled care do not notify the local authority.",
                        "/lookup"));
            case SOCIAL_WORKER ->
                List.of(new Task(
                        "Your notifications",
                        "Attendances at unscheduled care settings by children allocated to you, to review.",
                        null));
            case DUTY_TEAM ->
                List.of(new Task(
                        "Unreviewed notifications",
                        "Every notification for your local authority not yet reviewed, including escalated ones.",
                        null));
            case MASH ->
                List.of(new Task("MASH queue", "Notifications for children with no allocated social worker.", null));
            case LA_DATA_MANAGER ->
                List.of(
                        new Task(
                                "Uploads",
                                "Send your case system's plans to CP-IS and read each upload's acknowledgement.",
                                "/uploads"),
                        new Task(
                                "Records",
                                "The child protection, looked-after and unborn-child plans CP-IS holds for your authority.",
                                "/records"));
            case PRIVACY_OFFICER ->
                List.of(new Task(
                        "Audit reports", "Who accessed which records held or looked up by your organisation.", null));
            case ADMINISTRATOR ->
                List.of(new Task(
                        "Organisations",
                        "Local authorities and health settings registered with CP-IS.",
                        "/admin/organisations"));
            case LA_SYSTEM, HEALTH_SYSTEM -> List.of();
        };
    }
}
