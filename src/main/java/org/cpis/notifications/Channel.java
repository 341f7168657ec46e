package org.cpis.notifications;

/** How a notification is delivered besides the pull API; stored as these names. */
enum Channel {
    WEBHOOK("Webhook"),
    EMAIL("Email");

    private final String displayName;

    Channel(String displayName) {
        this.displayName = displayName;
    }

    String displayName() {
        return displayName;
    }
}
