package org.cpis.notifications;

/** How a notification is delivered besides the pull API; stored as these names. */
enum Channel {
    WEBHOOK("Webhook"),
    EMAIL("Email"),
    /** An Access to Service Notification to the LA's MESH mailbox (issue 18), through {@link MeshDelivery}. */
    MESH("MESH"),
    /** The e-mail to the duty mailbox when a notification has been left unreviewed too long. */
    ESCALATION("Escalation email");

    private final String displayName;

    Channel(String displayName) {
        this.displayName = displayName;
    }

    String displayName() {
        return displayName;
    }
}
