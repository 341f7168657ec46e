package org.cpis.shared.database;

import static org.assertj.core.api.Assertions.assertThat;

import org.cpis.CpisIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The session settings every connection of the hub's pool gets from application.yml (StalledTransactionTest: why). */
@CpisIntegrationTest
class DatabaseSessionSettingsTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void a_transaction_idle_for_a_minute_is_ended_by_postgresql() {
        assertThat(jdbc.sql("show idle_in_transaction_session_timeout")
                        .query(String.class)
                        .single())
                .isEqualTo("1min");
    }
}
