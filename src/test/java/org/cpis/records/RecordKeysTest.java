package org.cpis.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.cpis.shared.NhsNumber;
import org.cpis.shared.PlanType;
import org.junit.jupiter.api.Test;

class RecordKeysTest {

    @Test
    void every_plan_of_a_person_in_any_la_is_inside_that_persons_range_and_no_one_elses() {
        NhsNumber child = NhsNumber.of("9990000077");
        NhsNumber next = NhsNumber.of("9990000085");
        for (PlanType type : PlanType.values()) {
            for (int holder : new int[] {1, 2, 153, (1 << 27) - 1}) {
                long key = RecordKeys.of(child.value(), holder, type);
                assertThat(key).isPositive().isBetween(RecordKeys.first(child), RecordKeys.last(child));
                assertThat(key).isLessThan(RecordKeys.first(next));
            }
        }
        assertThat(RecordKeys.last(NhsNumber.of("9999999999"))).isPositive();
    }

    @Test
    void keys_differ_by_la_and_by_plan_type_and_match_the_migrations_formula() {
        assertThat(RecordKeys.of("9990000077", 1, PlanType.CPP))
                .isNotEqualTo(RecordKeys.of("9990000077", 2, PlanType.CPP))
                .isNotEqualTo(RecordKeys.of("9990000077", 1, PlanType.LAC));
        // V2026.11.22.15: (nhs_number::bigint << 29) | (holder << 2) | 0 for CPP, 1 for LAC, 2 for UCPP
        assertThat(RecordKeys.of("9990000077", 7, PlanType.UCPP)).isEqualTo((9_990_000_077L << 29) | (7L << 2) | 2);
        assertThat(RecordKeys.of("9990000077", 7, PlanType.LAC)).isEqualTo((9_990_000_077L << 29) | (7L << 2) | 1);
    }

    @Test
    void within_one_la_the_sort_key_orders_as_the_key_does() {
        long a = RecordKeys.of("9990000077", 5, PlanType.UCPP);
        long b = RecordKeys.of("9990000085", 5, PlanType.CPP);
        assertThat(RecordKeys.withinHolder(a))
                .isLessThan(RecordKeys.withinHolder(b))
                .isLessThan(SortedCopy.SORT_KEY_LIMIT);
        assertThat(RecordKeys.withinHolder(b)).isLessThan(SortedCopy.SORT_KEY_LIMIT);
    }

    @Test
    void an_la_number_outside_its_27_bits_is_refused() {
        assertThatThrownBy(() -> RecordKeys.of("9990000077", 1 << 27, PlanType.CPP))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecordKeys.of("9990000077", 0, PlanType.CPP))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
