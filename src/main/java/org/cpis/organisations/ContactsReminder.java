package org.cpis.organisations;

import java.time.LocalDate;

/** When an LA's data manager is asked to confirm its contact details again. */
final class ContactsReminder {

    /** Contact details confirmed more than this many days ago are due to be confirmed again. */
    static final int DAYS = 90;

    private ContactsReminder() {}

    /** Never confirmed, or confirmed more than 90 days before today (90 days ago exactly is not yet due). */
    static boolean due(LocalDate confirmedOn, LocalDate today) {
        return confirmedOn == null || confirmedOn.plusDays(DAYS).isBefore(today);
    }
}
