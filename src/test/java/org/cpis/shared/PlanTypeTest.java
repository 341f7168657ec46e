package org.cpis.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlanTypeTest {

    @Test
    void carries_the_snomed_codes_nhs_england_uses() {
        assertThat(PlanType.CPP.snomedCode()).isEqualTo("342191000000101");
        assertThat(PlanType.LAC.snomedCode()).isEqualTo("764841000000100");
        assertThat(PlanType.UCPP.snomedCode()).isEqualTo("818901000000100");
    }

    @Test
    void codes_are_exact() {
        assertThat(PlanType.fromCode("CPP")).contains(PlanType.CPP);
        assertThat(PlanType.fromCode("cpp")).isEmpty();
        assertThat(PlanType.fromCode(" CPP")).isEmpty();
        assertThat(PlanType.fromCode(null)).isEmpty();
        assertThat(PlanType.fromSnomedCode("818901000000100")).contains(PlanType.UCPP);
        assertThat(PlanType.fromSnomedCode("1")).isEmpty();
    }
}
