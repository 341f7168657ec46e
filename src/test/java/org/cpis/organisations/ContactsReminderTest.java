package org.cpis.organisations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ContactsReminderTest {

    private static final LocalDate CONFIRMED = LocalDate.of(2026, 3, 1);

    @Test
    void contact_details_are_due_once_more_than_90_days_old() {
        assertThat(ContactsReminder.due(CONFIRMED, CONFIRMED)).isFalse();
        assertThat(ContactsReminder.due(CONFIRMED, CONFIRMED.plusDays(90))).isFalse();
        assertThat(ContactsReminder.due(CONFIRMED, CONFIRMED.plusDays(91))).isTrue();
    }

    @Test
    void contact_details_never_confirmed_are_due() {
        assertThat(ContactsReminder.due(null, CONFIRMED)).isTrue();
    }
}
