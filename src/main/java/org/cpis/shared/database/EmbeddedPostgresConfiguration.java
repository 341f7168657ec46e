package org.cpis.shared.database;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded default: a real PostgreSQL 15 (zonky's binaries) started in-process, its data kept under the working
 * directory. Production sets {@code SPRING_DATASOURCE_URL} and this configuration steps aside for Boot's own pool.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);
    private static final String DATABASE = "cpis";

    @Bean(destroyMethod = "close")
    EmbeddedPostgresServer embeddedPostgres(DatabaseProperties properties) throws IOException {
        Path directory = properties.ephemeral()
                ? Files.createTempDirectory("cpis-postgres-")
                : properties.dataDirectory().toAbsolutePath();
        Files.createDirectories(directory);
        if (!properties.ephemeral()) {
            OrphanedPostmaster.stopIfAny(directory);
        }
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(properties.ephemeral())
                .setPort(properties.port())
                .setServerConfig("max_connections", "200")
                // The server's log reaches the hub's log; a refused row's values (DETAIL, CONTEXT) must not.
                .setServerConfig("log_error_verbosity", "terse")
                .start();
        log.info("Embedded PostgreSQL started on port {} with data in {}", postgres.getPort(), directory);
        createDatabaseIfMissing(postgres);
        return new EmbeddedPostgresServer(postgres, directory, properties.ephemeral());
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(
            EmbeddedPostgresServer server,
            @Value("${spring.datasource.hikari.connection-timeout:3000}") long connectionTimeoutMillis) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(server.postgres().getJdbcUrl("postgres", DATABASE));
        dataSource.setUsername("postgres");
        dataSource.setMaximumPoolSize(40);
        dataSource.setPoolName("cpis-embedded");
        // While the database is unreachable a request fails within seconds (503) instead of queueing for 30.
        dataSource.setConnectionTimeout(connectionTimeoutMillis);
        dataSource.addDataSourceProperty("connectTimeout", "3");
        // Same as spring.datasource.hikari.data-source-properties in application.yml for an external database.
        dataSource.addDataSourceProperty("logServerErrorDetail", "false");
        return dataSource;
    }

    private static void createDatabaseIfMissing(EmbeddedPostgres postgres) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            try (ResultSet rs =
                    statement.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            statement.execute("create database " + DATABASE + " encoding 'UTF8' template template0");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the embedded cpis database", e);
        }
    }

    /** Stops the server after the pool has closed (Spring destroys dependants first). */
    record EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory, boolean ephemeral)
            implements AutoCloseable {

        @Override
        public void close() throws IOException {
            postgres.close();
            // zonky may have removed a clean data directory itself already.
            if (ephemeral && Files.exists(dataDirectory)) {
                try (Stream<Path> paths = Files.walk(dataDirectory)) {
                    paths.sorted(Comparator.reverseOrder())
                            .forEach(p -> p.toFile().delete());
                }
            }
        }
    }
}
