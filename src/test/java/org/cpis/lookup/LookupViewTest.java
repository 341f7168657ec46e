package org.cpis.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.cpis.organisations.LocalAuthority;
import org.cpis.records.VisibleRecord;
import org.cpis.shared.NhsNumber;
import org.cpis.shared.OdsCode;
import org.cpis.shared.PlanType;
import org.junit.jupiter.api.Test;
import testsupport.TestNhsNumbers;

/** What the result page says of each plan: when an open plan ends, and whether the date of birth matched. */
class LookupViewTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 30);
    static final LocalAuthority LA = new LocalAuthority(
            new OdsCode("E08000025"), "Birmingham City Council", "0121 496 0100", "0121 496 0500", null, null);

    static VisibleRecord plan(PlanType type, LocalDate dateOfBirth, LocalDate end) {
        return new VisibleRecord(
                1,
                NhsNumber.of(TestNhsNumbers.next()),
                LA.odsCode(),
                type,
                null,
                dateOfBirth,
                LocalDate.of(2025, 1, 10),
                end,
                type == PlanType.UCPP ? LocalDate.of(2027, 1, 15) : null,
                null);
    }

    static LookupView.AlertView view(VisibleRecord record, LocalDate givenDateOfBirth) {
        LookupResult result = new LookupResult(List.of(new LookupResult.Alert(record, LA)), List.of(), true);
        return LookupView.of(result, givenDateOfBirth, TODAY).alerts().get(0);
    }

    @Test
    void an_open_childs_plan_ends_on_the_18th_birthday_and_a_leap_day_birthday_on_1_march() {
        assertThat(view(plan(PlanType.CPP, LocalDate.of(2015, 3, 1), null), null)
                        .ends())
                .isEqualTo("1 March 2033 (18th birthday), unless the local authority ends it sooner");
        assertThat(view(plan(PlanType.LAC, LocalDate.of(2016, 2, 29), null), null)
                        .ends())
                .startsWith("1 March 2034 (18th birthday)");
    }

    @Test
    void a_plan_ends_on_its_end_date_which_on_the_day_itself_is_ended() {
        LookupView.AlertView tomorrow = view(plan(PlanType.CPP, LocalDate.of(2015, 3, 1), TODAY.plusDays(1)), null);
        assertThat(tomorrow.ended()).isFalse();
        assertThat(tomorrow.ends()).isEqualTo("1 December 2026");
        LookupView.AlertView today = view(plan(PlanType.CPP, LocalDate.of(2015, 3, 1), TODAY), null);
        assertThat(today.ended()).isTrue();
        assertThat(today.ends()).isNull();
        assertThat(today.endDate()).isEqualTo("30 November 2026");
    }

    @Test
    void an_unborn_child_plan_says_it_is_shown_until_28_days_after_the_expected_delivery() {
        assertThat(view(plan(PlanType.UCPP, LocalDate.of(1995, 5, 10), null), null)
                        .ends())
                .contains("12 February 2027", "28 days after the expected delivery date");
    }

    @Test
    void a_date_of_birth_that_differs_is_marked_and_none_given_or_the_same_is_not() {
        VisibleRecord record = plan(PlanType.CPP, LocalDate.of(2015, 3, 1), null);
        assertThat(view(record, LocalDate.of(2015, 3, 2)).dateOfBirthMismatch()).isTrue();
        assertThat(view(record, LocalDate.of(2015, 3, 1)).dateOfBirthMismatch()).isFalse();
        assertThat(view(record, null).dateOfBirthMismatch()).isFalse();
        LookupResult result = new LookupResult(List.of(new LookupResult.Alert(record, LA)), List.of(), true);
        assertThat(LookupView.of(result, LocalDate.of(2015, 3, 2), TODAY).dateOfBirthMismatch())
                .isTrue();
    }
}
