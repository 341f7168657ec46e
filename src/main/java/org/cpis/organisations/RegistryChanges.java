package org.cpis.organisations;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Tells every node of a registry change as it commits, so that each empties its minute-long cache of organisations
 * and an LA's new phone numbers show in the very next lookup on any node. PostgreSQL's NOTIFY is sent with the
 * changing transaction's commit; each node LISTENs on one connection of its own.
 */
@Component
class RegistryChanges implements SmartLifecycle {

    static final String CHANNEL = "cpis_registry";

    private static final Logger log = LoggerFactory.getLogger(RegistryChanges.class);
    private static final int POLL_MILLIS = 1000;

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private volatile Runnable onChange = () -> {};
    private volatile boolean running;
    private Thread listener;

    RegistryChanges(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /** Within the caller's transaction: every node hears of it when it commits, none if it rolls back. */
    void changed() {
        jdbc.sql("select pg_notify(:channel, '')")
                .param("channel", CHANNEL)
                .query()
                .listOfRows();
    }

    void onChange(Runnable action) {
        this.onChange = action;
    }

    @Override
    public void start() {
        running = true;
        listener = new Thread(this::listen, "registry-changes");
        listener.setDaemon(true);
        listener.start();
    }

    @Override
    public void stop() {
        running = false;
        if (listener != null) {
            listener.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + CHANNEL);
                // Changes made while this node was not listening were missed: start from an empty cache.
                onChange.run();
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
                    if (notifications != null && notifications.length > 0) {
                        onChange.run();
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    log.warn("Not listening for registry changes ({}); trying again in 5 s", e.getSQLState());
                    pause();
                }
            }
        }
    }

    private void pause() {
        try {
            TimeUnit.SECONDS.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
