package org.cpis.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.cpis.shared.PlanType;
import org.junit.jupiter.api.Test;

class RecordRulesTest {

    static final LocalDate DOB = LocalDate.of(2015, 6, 10);
    static final LocalDate START = LocalDate.of(2024, 1, 15);

    @Test
    void an_ended_plan_is_visible_on_day_364_after_its_end_and_not_on_day_365() {
        LocalDate end = LocalDate.of(2025, 3, 1);
        LocalDate until = RecordRules.visibleUntil(PlanType.CPP, DOB, end, null, null);
        assertThat(RecordRules.visibleOn(end.plusDays(364), START, until)).isTrue();
        assertThat(RecordRules.visibleOn(end.plusDays(365), START, until)).isFalse();
        assertThat(RecordRules.visibleOn(end, START, until)).isTrue();
    }

    @Test
    void a_plan_is_visible_from_its_start_date() {
        LocalDate until = RecordRules.visibleUntil(PlanType.LAC, DOB, null, null, null);
        assertThat(RecordRules.visibleOn(START.minusDays(1), START, until)).isFalse();
        assertThat(RecordRules.visibleOn(START, START, until)).isTrue();
    }

    @Test
    void a_childs_plan_ends_on_the_18th_birthday() {
        LocalDate eighteenth = LocalDate.of(2033, 6, 10);
        assertThat(RecordRules.eighteenthBirthday(DOB)).isEqualTo(eighteenth);
        assertThat(RecordRules.effectiveEnd(PlanType.CPP, DOB, null)).isEqualTo(eighteenth);
        assertThat(RecordRules.effectiveEnd(PlanType.LAC, DOB, eighteenth.plusDays(1)))
                .isEqualTo(eighteenth);
        assertThat(RecordRules.effectiveEnd(PlanType.CPP, DOB, eighteenth.minusDays(1)))
                .isEqualTo(eighteenth.minusDays(1));
        LocalDate until = RecordRules.visibleUntil(PlanType.CPP, DOB, null, null, null);
        assertThat(until).isEqualTo(eighteenth.plusDays(364));
        assertThat(RecordRules.visibleOn(eighteenth.plusDays(365), START, until))
                .isFalse();
    }

    @Test
    void someone_born_on_29_february_turns_18_on_1_march_in_a_common_year() {
        assertThat(RecordRules.eighteenthBirthday(LocalDate.of(2008, 2, 29))).isEqualTo(LocalDate.of(2026, 3, 1));
        assertThat(RecordRules.eighteenthBirthday(LocalDate.of(2010, 2, 28))).isEqualTo(LocalDate.of(2028, 2, 28));
        // 2012 + 18 = 2030 is common; 2014 + 18 = 2032 is a leap year but 2014 has no 29 February.
        assertThat(RecordRules.eighteenthBirthday(LocalDate.of(2012, 2, 29))).isEqualTo(LocalDate.of(2030, 3, 1));
        assertThat(RecordRules.eighteenthBirthday(LocalDate.of(2004, 2, 29))).isEqualTo(LocalDate.of(2022, 3, 1));
        // 1996 + 18 = 2014 common; 2000 + 18... a 29 Feb birth with a leap 18th anniversary needs a 72-year cycle:
        assertThat(RecordRules.eighteenthBirthday(LocalDate.of(1908, 2, 29))).isEqualTo(LocalDate.of(1926, 3, 1));
    }

    @Test
    void an_unborn_plan_is_visible_until_28_days_after_the_expected_delivery_date() {
        LocalDate mother = LocalDate.of(1995, 4, 4);
        LocalDate due = LocalDate.of(2026, 12, 1);
        LocalDate until = RecordRules.visibleUntil(PlanType.UCPP, mother, null, due, null);
        assertThat(RecordRules.visibleOn(due.plusDays(28), START, until)).isTrue();
        assertThat(RecordRules.visibleOn(due.plusDays(29), START, until)).isFalse();
    }

    @Test
    void an_unborn_plan_ended_sooner_stops_at_its_end_and_the_mothers_age_does_not_end_it() {
        LocalDate youngMother = LocalDate.of(2009, 1, 1); // turns 18 before the baby is due
        LocalDate due = LocalDate.of(2027, 3, 1);
        assertThat(RecordRules.visibleUntil(PlanType.UCPP, youngMother, null, due, null))
                .isEqualTo(due.plusDays(28));
        LocalDate born = LocalDate.of(2027, 2, 20);
        assertThat(RecordRules.visibleUntil(PlanType.UCPP, youngMother, born, due, null))
                .isEqualTo(born);
    }

    @Test
    void a_delete_date_of_today_hides_the_record_at_once_and_a_later_one_from_that_day() {
        LocalDate today = LocalDate.of(2026, 11, 22);
        LocalDate deletedToday = RecordRules.visibleUntil(PlanType.CPP, DOB, null, null, today);
        assertThat(RecordRules.visibleOn(today, START, deletedToday)).isFalse();
        assertThat(RecordRules.visibleOn(today.minusDays(1), START, deletedToday))
                .isTrue();

        LocalDate deletedTomorrow = RecordRules.visibleUntil(PlanType.CPP, DOB, null, null, today.plusDays(1));
        assertThat(RecordRules.visibleOn(today, START, deletedTomorrow)).isTrue();
        assertThat(RecordRules.visibleOn(today.plusDays(1), START, deletedTomorrow))
                .isFalse();
    }
}
