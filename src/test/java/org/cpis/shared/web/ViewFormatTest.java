package org.cpis.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.cpis.shared.PlanType;
import org.junit.jupiter.api.Test;

class ViewFormatTest {

    @Test
    void nhsNumberInThreeGroups() {
        assertThat(ViewFormat.nhsNumber("9990001014")).isEqualTo("999 000 1014");
        assertThat(ViewFormat.nhsNumber("12345")).isEqualTo("12345");
        assertThat(ViewFormat.nhsNumber(null)).isNull();
    }

    @Test
    void datesAndTimesInEngland() {
        assertThat(ViewFormat.date(LocalDate.of(2026, 3, 4))).isEqualTo("4 March 2026");
        assertThat(ViewFormat.shortDate(LocalDate.of(2026, 3, 4))).isEqualTo("4 Mar 2026");
        assertThat(ViewFormat.date(null)).isEmpty();
        // 23:30 UTC on 30 June is 00:30 on 1 July in England (BST).
        Instant summer = Instant.parse("2026-06-30T23:30:00Z");
        assertThat(ViewFormat.dateTime(summer)).isEqualTo("1 July 2026 at 00:30");
        assertThat(ViewFormat.shortDateTime(summer)).isEqualTo("1 Jul 2026, 00:30");
        assertThat(ViewFormat.dateTimeSeconds(summer)).isEqualTo("1 July 2026, 00:30:00");
        assertThat(ViewFormat.dateTime(Instant.parse("2026-12-01T09:05:00Z"))).isEqualTo("1 December 2026 at 09:05");
    }

    @Test
    void codesByDisplayName() {
        assertThat(ViewFormat.codeName("CPP", PlanType.class, PlanType::displayName))
                .isEqualTo(PlanType.CPP.displayName());
        assertThat(ViewFormat.codeName("OLD", PlanType.class, PlanType::displayName))
                .isEqualTo("OLD");
        assertThat(ViewFormat.codeName(null, PlanType.class, PlanType::displayName))
                .isEqualTo("Not recorded");
    }
}
