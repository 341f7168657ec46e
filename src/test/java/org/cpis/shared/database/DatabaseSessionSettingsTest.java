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
        assertThat(show("idle_in_transaction_session_timeout")).isEqualTo("1min");
    }

    @Test
    void postgresql_probes_a_silent_hub_connection_after_a_minute() {
        // Over TCP (the embedded server and any external one); a Unix-domain socket would show 0.
        assertThat(show("tcp_keepalives_idle")).isEqualTo("60");
        assertThat(show("tcp_keepalives_interval")).isEqualTo("10");
        assertThat(show("tcp_keepalives_count")).isEqualTo("6");
    }

    private String show(String setting) {
        return jdbc.sql("show " + setting).query(String.class).single();
    }
}
