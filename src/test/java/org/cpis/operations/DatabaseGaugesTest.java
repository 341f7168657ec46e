package org.cpis.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.cpis.notifications.NotificationFigures;
import org.cpis.uploads.UploadFigures;
import org.cpis.uploads.UploadStatus;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** While the database is down the gauges say so, and a scrape still answers at once. */
class DatabaseGaugesTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final UploadFigures uploads = mock(UploadFigures.class);
    private final NotificationFigures notifications = mock(NotificationFigures.class);
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);

    private double gauge(String name, String... tags) {
        return registry.get(name).tags(tags).gauge().value();
    }

    @Test
    void figures_then_nan_and_database_down_when_it_stops_answering() {
        // Nothing listens on port 1: every connection is refused, as with a stopped PostgreSQL.
        JdbcClient down = JdbcClient.create(new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/cpis"));
        DatabaseGauges gauges = new DatabaseGauges(
                uploads, notifications, down, clock, new OperationsProperties(null, Duration.ofSeconds(1)), registry);
        assertThat(gauge("cpis.database.up")).isNaN();

        gauges.read();
        assertThat(gauge("cpis.database.up")).isZero();
        assertThat(gauge("cpis.uploads", "status", "ALL_LOADED")).isNaN();
        assertThat(gauge("cpis.notification.delivery.lag")).isNaN();
    }

    @Test
    void reads_the_modules_figures_when_the_database_answers() {
        JdbcClient up = mock(JdbcClient.class, org.mockito.Answers.RETURNS_DEEP_STUBS);
        when(up.sql("select 1").query(Integer.class).single()).thenReturn(1);
        when(uploads.byStatus()).thenReturn(List.of(new UploadFigures.StatusCount(UploadStatus.ALL_LOADED, 7)));
        when(notifications.deliveries())
                .thenReturn(List.of(new NotificationFigures.DeliveryCount("EMAIL", "PENDING", 3)));
        when(notifications.oldestPendingDelivery(clock.instant())).thenReturn(Duration.ofSeconds(42));
        DatabaseGauges gauges = new DatabaseGauges(
                uploads, notifications, up, clock, new OperationsProperties(null, Duration.ofSeconds(1)), registry);

        gauges.read();
        assertThat(gauge("cpis.database.up")).isEqualTo(1.0);
        assertThat(gauge("cpis.uploads", "status", "ALL_LOADED")).isEqualTo(7.0);
        assertThat(gauge("cpis.uploads", "status", "MALFORMED")).isZero();
        assertThat(gauge("cpis.notification.deliveries", "channel", "EMAIL", "status", "PENDING"))
                .isEqualTo(3.0);
        assertThat(gauge("cpis.notification.deliveries", "channel", "WEBHOOK", "status", "FAILED"))
                .isZero();
        assertThat(gauge("cpis.notification.delivery.lag")).isEqualTo(42.0);
    }
}
