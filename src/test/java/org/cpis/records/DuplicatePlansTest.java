package org.cpis.records;

import static org.assertj.core.api.Assertions.assertThat;

import org.cpis.shared.PlanType;
import org.junit.jupiter.api.Test;

class DuplicatePlansTest {

    @Test
    void every_line_of_a_plan_sent_more_than_once_is_found_in_line_order() {
        DuplicatePlans plans = new DuplicatePlans();
        plans.add("9990000077", PlanType.CPP, 2);
        plans.add("9990000077", PlanType.LAC, 3); // same child, other plan: not a duplicate
        plans.add("9990000085", PlanType.CPP, 4);
        plans.add("9990000077", PlanType.CPP, 5);
        plans.add("9990000093", PlanType.UCPP, 6);
        plans.add("9990000077", PlanType.CPP, 9);
        plans.add("9990000085", PlanType.CPP, 10);

        assertThat(plans.lines()).containsExactly(2, 4, 5, 9, 10);
    }

    @Test
    void a_file_without_duplicates_gives_none_however_long() {
        DuplicatePlans plans = new DuplicatePlans();
        for (int i = 0; i < 5_000; i++) {
            plans.add(String.valueOf(9_990_000_000L + i), PlanType.values()[i % 3], i + 2);
        }
        assertThat(plans.lines()).isEmpty();

        plans.add(String.valueOf(9_990_000_000L + 4_999), PlanType.values()[4_999 % 3], 5_002);
        assertThat(plans.lines()).containsExactly(5_001, 5_002);
    }
}
