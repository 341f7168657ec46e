package org.cpis.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.cpis.CpisIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A row the database refuses must not carry its values into an exception message or the server's log. */
@CpisIntegrationTest
class DatabaseErrorsTest {

    @Autowired
    JdbcClient jdbc;

    @Value("${spring.datasource.url:}")
    String externalDatabase;

    @Test
    void a_refused_row_is_not_echoed_in_the_exception_or_the_database_log() {
        Throwable refused = catchThrowable(() -> jdbc.sql("""
                        insert into organisations.organisation (ods_code, kind, name, created_at, updated_at)
                        values (:ods, 'HEALTH', :name, now(), now())
                        """)
                .param("ods", "bad code")
                .param("name", "Zara Secretname")
                .update());

        assertThat(refused).isNotNull();
        assertThat(refused.getMessage()).contains("violates check constraint").doesNotContain("Secretname");
        for (Throwable cause = refused.getCause(); cause != null; cause = cause.getCause()) {
            assertThat(String.valueOf(cause.getMessage())).doesNotContain("Secretname");
        }
        // The embedded server's own log (which zonky forwards to the hub's log) leaves out DETAIL and CONTEXT, where
        // PostgreSQL would repeat a refused row's values.
        // (An external server's logging is its operator's: docs/operations.md.)
        if (externalDatabase.isEmpty()) {
            assertThat(jdbc.sql("show log_error_verbosity").query(String.class).single())
                    .isEqualTo("terse");
        }
    }
}
