package testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.cpis.shared.EnglandDate;

/**
 * The hub's clock in tests: UTC, following the system clock until a test sets or moves it, to put a date rule at its
 * boundary. Every hub a test starts runs on one ({@link TestClockConfiguration}); a test that moves the clock of the
 * shared hub puts it back with {@link #reset()} afterwards.
 */
public final class TestClock extends Clock {

    private final Clock initial;
    private volatile Clock current;

    private TestClock(Clock initial) {
        this.initial = initial;
        this.current = initial;
    }

    /** Follows the system clock until set. */
    public static TestClock system() {
        return new TestClock(Clock.systemUTC());
    }

    /** Stands still at {@code instant} until set or moved. */
    public static TestClock at(Instant instant) {
        return new TestClock(Clock.fixed(instant, ZoneOffset.UTC));
    }

    /** Stands still at this instant. */
    public void set(Instant instant) {
        current = Clock.fixed(instant, ZoneOffset.UTC);
    }

    /** Stands still at noon in England on that day. */
    public void setDate(LocalDate date) {
        set(date.atTime(LocalTime.NOON).atZone(EnglandDate.ENGLAND).toInstant());
    }

    /** Moves on (or back, for a negative duration) by that much, still standing or still running as it was. */
    public void advance(Duration duration) {
        current = Clock.offset(current, duration);
    }

    /** Back to how it was made: running with the system clock, or standing at its first instant. */
    public void reset() {
        current = initial;
    }

    @Override
    public Instant instant() {
        return current.instant();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** A view in another zone that still follows this clock as tests move it. */
    @Override
    public Clock withZone(ZoneId zone) {
        TestClock outer = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return outer.withZone(other);
            }

            @Override
            public Instant instant() {
                return outer.instant();
            }
        };
    }
}
