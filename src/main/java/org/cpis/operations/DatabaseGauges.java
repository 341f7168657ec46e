package org.cpis.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.cpis.notifications.NotificationFigures;
import org.cpis.uploads.UploadFigures;
import org.cpis.uploads.UploadStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Gauges of what the database holds: uploads by status, deliveries by channel and status, the age of the oldest
 * delivery still waiting, and whether the database answers. Read by one background thread every few seconds, so a
 * scrape never waits on the database; while it is down the figures are NaN and {@code cpis_database_up} is 0.
 */
@Component
class DatabaseGauges implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DatabaseGauges.class);
    private static final String[] CHANNELS = {"WEBHOOK", "EMAIL"};
    private static final String[] STATUSES = {"PENDING", "DELIVERED", "FAILED"};

    private final UploadFigures uploads;
    private final NotificationFigures notifications;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final OperationsProperties properties;
    private final Map<String, Double> values = new ConcurrentHashMap<>();
    private final ScheduledExecutorService reader = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "cpis-metrics-figures");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean databaseWasUp = true;

    DatabaseGauges(
            UploadFigures uploads,
            NotificationFigures notifications,
            JdbcClient jdbc,
            Clock clock,
            OperationsProperties properties,
            MeterRegistry registry) {
        this.uploads = uploads;
        this.notifications = notifications;
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
        register(registry);
    }

    private void register(MeterRegistry registry) {
        gauge(registry, "cpis.database.up", "1 when the last read of the figures reached the database", null, "up");
        gauge(
                registry,
                "cpis.notification.delivery.lag",
                "How long the oldest waiting delivery has waited",
                "seconds",
                "lag");
        for (UploadStatus status : UploadStatus.values()) {
            gauge(
                    registry,
                    "cpis.uploads",
                    "Uploads stored, by status",
                    null,
                    "uploads." + status.name(),
                    "status",
                    status.name());
        }
        for (String channel : CHANNELS) {
            for (String status : STATUSES) {
                gauge(
                        registry,
                        "cpis.notification.deliveries",
                        "Notification deliveries, by channel and status",
                        null,
                        "deliveries." + channel + "." + status,
                        "channel",
                        channel,
                        "status",
                        status);
            }
        }
    }

    private void gauge(MeterRegistry registry, String name, String help, String unit, String key, String... tags) {
        Gauge.builder(name, values, v -> v.getOrDefault(key, Double.NaN))
                .description(help)
                .baseUnit(unit)
                .tags(tags)
                .register(registry);
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        long every = properties.figuresEvery().toMillis();
        reader.scheduleWithFixedDelay(this::read, 0, every, TimeUnit.MILLISECONDS);
    }

    void read() {
        try {
            jdbc.sql("select 1").query(Integer.class).single();
            uploads.byStatus().forEach(s -> values.put("uploads." + s.status().name(), (double) s.uploads()));
            for (UploadStatus status : UploadStatus.values()) {
                values.putIfAbsent("uploads." + status.name(), 0.0);
            }
            for (String channel : CHANNELS) {
                for (String status : STATUSES) {
                    values.put("deliveries." + channel + "." + status, 0.0);
                }
            }
            notifications
                    .deliveries()
                    .forEach(d -> values.put("deliveries." + d.channel() + "." + d.status(), (double) d.count()));
            values.put(
                    "lag",
                    notifications.oldestPendingDelivery(Instant.now(clock)).toMillis() / 1000.0);
            values.put("up", 1.0);
            databaseWasUp = true;
        } catch (RuntimeException e) {
            values.replaceAll((k, v) -> Double.NaN);
            values.put("up", 0.0);
            if (databaseWasUp) {
                // Once per outage: the exception names the cause (connection refused, timeout), never a row.
                log.warn(
                        "Metrics: the database did not answer ({})",
                        e.getClass().getSimpleName());
            }
            databaseWasUp = false;
        }
    }

    @Override
    public void destroy() {
        reader.shutdownNow();
    }
}
