package org.cpis.shared.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.cpis.CpisIntegrationTest;
import org.cpis.HubClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import testsupport.TestNhsNumbers;
import testsupport.UploadFile;

/**
 * A transaction whose node froze mid-request (here: a connection of the hub's own pool that took Birmingham's
 * notification feed lock, as a lookup does, and then went quiet) is ended by PostgreSQL after the idle-transaction
 * limit, so Birmingham's other unscheduled lookups go on instead of waiting for it for as long as TCP takes to notice.
 * The limit is a second here; the hub's own is a minute (application.yml).
 */
@CpisIntegrationTest(
        properties = {
            "cpis.test.own-hub=stalled-transaction",
            "spring.datasource.hikari.data-source-properties.options=-c idle_in_transaction_session_timeout=1s"
        })
@DirtiesContext
class StalledTransactionTest {

    private static final String BIRMINGHAM = "E08000025";

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Test
    void a_stalled_transaction_holding_the_las_feed_lock_is_ended_and_the_las_lookups_go_on() throws Exception {
        HubClient hub = new HubClient(port);
        String la = hub.accessToken("birmingham-case-system", "demo-secret");
        String ed = hub.accessToken("northfield-ed-system", "demo-secret");
        String child = TestNhsNumbers.next();
        assertThat(hub.upload(la, 1, UploadFile.builder().row(r -> r.nhsNumber(child)))
                        .statusCode())
                .isEqualTo(200);

        try (Connection stalled = dataSource.getConnection()) {
            stalled.setAutoCommit(false);
            try (Statement statement = stalled.createStatement()) {
                statement.execute(
                        "select pg_advisory_xact_lock(hashtext('cpis-notify-feed'), hashtext('" + BIRMINGHAM + "'))");
            }

            long start = System.nanoTime();
            // Without the limit the lookup would wait as long as the stalled transaction lasts: here, for ever.
            HttpResponse<String> lookup = CompletableFuture.supplyAsync(() -> hub.get(
                            "/fhir/R4/CareTeam?patient:identifier=https://fhir.nhs.uk/Id/nhs-number%7C" + child, ed))
                    .get(30, TimeUnit.SECONDS);
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(lookup.statusCode()).isEqualTo(200);
            assertThat(HubClient.json(lookup).get("total").asInt()).isEqualTo(1);
            // It waited for the lock until PostgreSQL ended the stalled transaction.
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(500));
            assertThatThrownBy(() -> stalled.createStatement().execute("select 1"))
                    .isInstanceOf(SQLException.class);
        }
        assertThat(jdbc.sql("select count(*) from notifications.notification where la_ods = :la and nhs_number = :nhs")
                        .param("la", BIRMINGHAM)
                        .param("nhs", child)
                        .query(Long.class)
                        .single())
                .isEqualTo(1L);
    }

    @Test
    void the_hubs_connections_carry_the_limit() {
        assertThat(jdbc.sql("show idle_in_transaction_session_timeout")
                        .query(String.class)
                        .single())
                .isEqualTo("1s");
    }
}
