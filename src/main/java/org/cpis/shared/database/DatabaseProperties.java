package org.cpis.shared.database;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded default database. Ignored when {@code spring.datasource.url} names an external PostgreSQL.
 *
 * @param dataDirectory where the embedded PostgreSQL keeps its files, so data survives restarts
 * @param ephemeral start from an empty temporary directory and delete it on shutdown (tests)
 * @param port fixed port for the embedded server, or 0 for any free port
 */
@ConfigurationProperties("cpis.database.embedded")
public record DatabaseProperties(
        @DefaultValue("data/postgres") Path dataDirectory,
        @DefaultValue("false") boolean ephemeral,
        @DefaultValue("0") int port) {}
