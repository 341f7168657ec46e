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
import org.springframework.boot.flyway.autoconfigure.FlywayDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The embedded default: a real PostgreSQL 15 (zonky's binaries) started in-process, its data kept under the working
 * directory. Production sets {@code SPRING_DATASOURCE_URL} and this configuration steps aside for Boot's own pool.
 *
 * <p>Two roles, as docs/operations.md asks of an external PostgreSQL: {@link #OWNER} owns the database and its schemas
 * and runs the migrations (Flyway's own small pool); the hub's pool connects as {@link #RUNTIME}, which holds only the
 * grants the migrations' {@code afterMigrate} callback gives it: it cannot change or remove audit entries, alter their
 * trigger or set {@code session_replication_role}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);
    private static final String DATABASE = "cpis";
    /** Owns the schemas and runs the migrations. Not a superuser. */
    public static final String OWNER = "cpis_owner";
    /** The role the hub runs as. */
    public static final String RUNTIME = "cpis_app";

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
        createRolesAndDatabase(postgres);
        return new EmbeddedPostgresServer(postgres, directory, properties.ephemeral());
    }

    @Bean(destroyMethod = "close")
    @Primary
    DataSource dataSource(
            EmbeddedPostgresServer server,
            @Value("${spring.datasource.hikari.connection-timeout:3000}") long connectionTimeoutMillis,
            @Value("${spring.datasource.hikari.maximum-pool-size:10}") int maximumPoolSize,
            @Value("${spring.datasource.hikari.data-source-properties.options:}") String options) {
        // Hikari's default of 10, as for an external database: on a few cores more connections only add PostgreSQL
        // processes competing for them (docs/decisions.md, "Speed budget").
        HikariDataSource pool = pool(server, RUNTIME, "cpis-embedded", maximumPoolSize);
        // The session settings application.yml gives external connections: idle transaction limit, keepalives.
        if (!options.isBlank()) {
            pool.addDataSourceProperty("options", options);
        }
        // While the database is unreachable a request fails within seconds (503) instead of queueing for 30.
        pool.setConnectionTimeout(connectionTimeoutMillis);
        pool.addDataSourceProperty("connectTimeout", "3");
        return pool;
    }

    /** The owner's connections, for Flyway (and for tests that play a hostile owner). */
    @Bean(destroyMethod = "close")
    @FlywayDataSource
    DataSource ownerDataSource(EmbeddedPostgresServer server) {
        HikariDataSource pool = pool(server, OWNER, "cpis-embedded-owner", 4);
        pool.setMinimumIdle(0);
        // Readiness checks this pool after the runtime one: while the database is down it adds at most a second, so
        // that readiness still answers within a few (its only other use is Flyway at start-up, on a live database).
        pool.setConnectionTimeout(1000);
        pool.addDataSourceProperty("connectTimeout", "1");
        return pool;
    }

    private static HikariDataSource pool(EmbeddedPostgresServer server, String user, String name, int size) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(server.postgres().getJdbcUrl(user, DATABASE));
        dataSource.setUsername(user);
        dataSource.setMaximumPoolSize(size);
        dataSource.setPoolName(name);
        // Same as spring.datasource.hikari.data-source-properties in application.yml for an external database.
        dataSource.addDataSourceProperty("logServerErrorDetail", "false");
        return dataSource;
    }

    /**
     * The two roles and the database, owned by {@link #OWNER}. A database made before the roles existed (owned by the
     * superuser) is handed to the owner once, with everything in it.
     */
    private static void createRolesAndDatabase(EmbeddedPostgres postgres) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(ROLES);
            boolean exists;
            try (ResultSet rs =
                    statement.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'")) {
                exists = rs.next();
            }
            if (!exists) {
                statement.execute(
                        "create database " + DATABASE + " owner " + OWNER + " encoding 'UTF8' template template0");
                return;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the embedded cpis database", e);
        }
        try (Connection connection = postgres.getDatabase("postgres", DATABASE).getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(HAND_TO_OWNER);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not hand the embedded cpis database to its owner role", e);
        }
    }

    private static final String ROLES = """
            do $$
            begin
                if not exists (select from pg_roles where rolname = '%1$s') then
                    create role %1$s login nosuperuser nocreatedb nocreaterole noreplication nobypassrls;
                end if;
                if not exists (select from pg_roles where rolname = '%2$s') then
                    create role %2$s login nosuperuser nocreatedb nocreaterole noreplication nobypassrls;
                end if;
            end $$
            """.formatted(OWNER, RUNTIME);

    /** Objects a superuser made in the cpis database (before the owner role existed) become the owner's. */
    private static final String HAND_TO_OWNER = """
            do $$
            declare
                o record;
            begin
                if (select pg_get_userbyid(datdba) from pg_database where datname = current_database()) = '%1$s' then
                    return;
                end if;
                execute format('alter database %%I owner to %1$s', current_database());
                for o in select n.nspname from pg_namespace n
                          where n.nspname not like 'pg\\_%%' and n.nspname not in ('information_schema', 'public')
                loop
                    execute format('alter schema %%I owner to %1$s', o.nspname);
                end loop;
                for o in select n.nspname, c.relname, c.relkind from pg_class c join pg_namespace n on n.oid = c.relnamespace
                          where n.nspname not like 'pg\\_%%' and n.nspname <> 'information_schema'
                            and c.relkind in ('r', 'p', 'v', 'm', 'f') and pg_get_userbyid(c.relowner) <> '%1$s'
                loop
                    execute format('alter table %%I.%%I owner to %1$s', o.nspname, o.relname);
                end loop;
                for o in select p.oid::regprocedure as f from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                          where n.nspname not like 'pg\\_%%' and n.nspname <> 'information_schema'
                            and pg_get_userbyid(p.proowner) <> '%1$s'
                loop
                    execute format('alter routine %%s owner to %1$s', o.f);
                end loop;
            end $$
            """.formatted(OWNER);

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
