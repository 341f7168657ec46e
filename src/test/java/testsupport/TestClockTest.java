package testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.cpis.shared.EnglandDate;
import org.junit.jupiter.api.Test;

class TestClockTest {

    @Test
    void stands_where_set_moves_when_told_and_resets_to_how_it_was_made() {
        Instant start = Instant.parse("2026-11-22T10:00:00Z");
        TestClock clock = TestClock.at(start);
        Clock inEngland = clock.withZone(EnglandDate.ENGLAND);
        clock.advance(Duration.ofMinutes(2));
        assertThat(clock.instant()).isEqualTo(start.plusSeconds(120));
        assertThat(inEngland.instant()).as("a zoned view follows").isEqualTo(start.plusSeconds(120));

        clock.setDate(LocalDate.of(2026, 6, 1));
        assertThat(clock.instant()).as("noon in England, 11:00 UTC in summer").isEqualTo("2026-06-01T11:00:00Z");
        assertThat(EnglandDate.today(clock)).isEqualTo(LocalDate.of(2026, 6, 1));

        clock.reset();
        assertThat(clock.instant()).isEqualTo(start);
    }

    @Test
    void the_system_test_clock_runs() {
        TestClock clock = TestClock.system();
        Instant before = Instant.now();
        assertThat(clock.instant()).isBetween(before, Instant.now());
        clock.advance(Duration.ofDays(1));
        assertThat(clock.instant()).isAfter(Instant.now().plus(Duration.ofHours(23)));
    }
}
