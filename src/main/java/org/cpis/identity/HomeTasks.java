package org.cpis.identity;

import java.util.List;

/**
 * What each role's home page offers. A task without a link describes work the hub does for that role but whose
 * pages are not yet built; it is shown so people know what to expect, never as a dead link.
 */
final class HomeTasks {

    /** @param nav the task's short name in the header's navigation */
    record Task(String title, String description, String href, String nav) {

        Task(String title, String description, String href) {
            this(title, description, href, title);
        }
    }

    private static final Task LOOK_UP_UNSCHEDULED = new Task(
            "Check CP-IS for a child or pregnant woman",
            "Look up a child protection plan, looked-after status or unborn child protection plan by NHS number. The"
                    + " responsible local authority is told of your check.",
            "/lookup",
            "Check a child");
    private static final Task LOOK_UP_SCHEDULED = new Task(
            "Check CP-IS for a child or pregnant woman",
            "Look up a plan by NHS number. Checks from scheduled care do not notify the local authority.",
            "/lookup",
            "Check a child");
    private static final Task REPORT_MISSING_ALERT = new Task(
            "Report a missing alert",
            "You know a child is on a plan but CP-IS shows nothing: tell the local authority.",
            "/missing-alerts/new");

    private static final Task YOUR_NOTIFICATIONS = new Task(
            "Your notifications",
            "Attendances at unscheduled care settings by children allocated to you, to review.",
            "/notifications");
    private static final Task UNREVIEWED_NOTIFICATIONS = new Task(
            "Unreviewed notifications",
            "Every notification for your local authority not yet reviewed, escalated ones first.",
            "/notifications");
    private static final Task MASH_QUEUE =
            new Task("MASH queue", "Notifications for children with no allocated social worker.", "/notifications");

    private static final Task UPLOADS = new Task(
            "Uploads", "Send your case system's plans to CP-IS and read each upload's acknowledgement.", "/uploads");
    private static final Task RECORDS = new Task(
            "Records",
            "The child protection, looked-after and unborn-child plans CP-IS holds for your authority.",
            "/records");
    private static final Task MISSING_ALERT_REPORTS = new Task(
            "Missing alert reports",
            "Health staff who expected CP-IS to show a plan your authority holds.",
            "/missing-alerts",
            "Missing alerts");
    private static final Task WEBHOOK_SETTINGS = new Task(
            "Webhook settings",
            "Where CP-IS sends your authority's notifications, and the secrets that sign them.",
            "/settings/webhook",
            "Webhook");
    private static final Task INACTIVE_NHS_NUMBERS = new Task(
            "Inactive NHS numbers",
            "NHS numbers your authority uploaded that were found superseded or no longer active, to correct.",
            "/inactive-nhs-numbers",
            "Inactive numbers");
    private static final Task CONTACT_DETAILS = new Task(
            "Contact details",
            "The emergency duty and office-hours numbers clinicians are told to ring, and your duty team's mailbox.",
            "/settings/contacts");

    private static final Task AUDIT_REPORTS = new Task(
            "Audit reports",
            "Who accessed which records held or looked up by your organisation: by child, by person and by"
                    + " organisation, with CSV exports.",
            "/audit");
    private static final Task AUDIT_INTEGRITY = new Task(
            "Audit trail integrity",
            "When the audit trail's chain was last verified, and whether any entry has been changed or removed.",
            "/audit/integrity");
    private static final Task REPORTS = new Task(
            "Reports", "Notifications, accesses, review times, uploads and records, with charts and CSV.", "/reports");

    private static final Task ORGANISATIONS = new Task(
            "Organisations",
            "Local authorities and health settings registered with CP-IS: add, change, deactivate, load the registry"
                    + " files.",
            "/admin/organisations");
    private static final Task PEOPLE = new Task(
            "People",
            "Who signs in to CP-IS, with which role and organisation; disable an account; bind OpenID Connect.",
            "/admin/people");
    private static final Task API_CLIENTS = new Task(
            "API clients",
            "Local authority case systems and health systems: add, rotate secrets, revoke.",
            "/admin/api-clients");

    private HomeTasks() {}

    /** A link in the header's navigation; current when the page is under it. */
    record NavItem(String text, String href, boolean current) {}

    /** Home, then each of the role's tasks that has a page. */
    static List<NavItem> navigation(Role role, String path) {
        List<NavItem> items = new java.util.ArrayList<>();
        items.add(new NavItem("Home", "/", "/".equals(path)));
        for (Task task : forRole(role)) {
            if (task.href() != null && items.stream().noneMatch(i -> i.href().equals(task.href()))) {
                items.add(new NavItem(task.nav(), task.href(), under(path, task.href())));
            }
        }
        return items;
    }

    private static boolean under(String path, String href) {
        String base = href.endsWith("/new") ? href.substring(0, href.length() - 4) : href;
        return path.equals(base) || path.startsWith(base + "/");
    }

    static List<Task> forRole(Role role) {
        return switch (role) {
            case UNSCHEDULED_CLINICIAN -> List.of(LOOK_UP_UNSCHEDULED, REPORT_MISSING_ALERT);
            case SCHEDULED_CLINICIAN -> List.of(LOOK_UP_SCHEDULED, REPORT_MISSING_ALERT);
            case SOCIAL_WORKER -> List.of(YOUR_NOTIFICATIONS);
            case DUTY_TEAM -> List.of(UNREVIEWED_NOTIFICATIONS, INACTIVE_NHS_NUMBERS, REPORTS);
            case MASH -> List.of(MASH_QUEUE);
            case LA_DATA_MANAGER ->
                List.of(
                        UPLOADS,
                        RECORDS,
                        MISSING_ALERT_REPORTS,
                        INACTIVE_NHS_NUMBERS,
                        CONTACT_DETAILS,
                        WEBHOOK_SETTINGS,
                        REPORTS);
            case PRIVACY_OFFICER -> List.of(AUDIT_REPORTS, AUDIT_INTEGRITY);
            case ADMINISTRATOR -> List.of(ORGANISATIONS, PEOPLE, API_CLIENTS, REPORTS, AUDIT_INTEGRITY);
            case LA_SYSTEM, HEALTH_SYSTEM -> List.of();
        };
    }
}
