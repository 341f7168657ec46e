package org.cpis.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.cpis.CpisApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The embedded default keeps its data in a folder, so stopping and starting the hub loses nothing. */
@DisabledIfEnvironmentVariable(named = "SPRING_DATASOURCE_URL", matches = ".+")
class EmbeddedDatabaseRestartTest {

    @TempDir
    Path work;

    @Test
    void data_survives_a_restart() {
        Path data = work.resolve("postgres");
        try (ConfigurableApplicationContext hub = start(data)) {
            hub.getBean(JdbcClient.class).sql("""
                            insert into organisations.organisation (ods_code, kind, name, care_setting_type,
                                                                    created_at, updated_at)
                            values ('ZZR01', 'HEALTH', 'Written Before Restart', 'DENTISTRY', now(), now())
                            """).update();
        }
        assertThat(Files.exists(data.resolve("PG_VERSION"))).isTrue();
        try (ConfigurableApplicationContext hub = start(data)) {
            JdbcClient jdbc = hub.getBean(JdbcClient.class);
            assertThat(jdbc.sql("select name from organisations.organisation where ods_code = 'ZZR01'")
                            .query(String.class)
                            .optional())
                    .contains("Written Before Restart");
            // Start-up work is idempotent: the demo identities are not created twice.
            assertThat(jdbc.sql("select count(*) from identity.person where username = 'ed.clinician'")
                            .query(Integer.class)
                            .single())
                    .isEqualTo(1);
        }
    }

    private static ConfigurableApplicationContext start(Path data) {
        // Command-line arguments, as an operator would pass them, outrank application.yml.
        return new SpringApplicationBuilder(CpisApplication.class)
                .run(
                        "--server.port=0",
                        "--cpis.database.embedded.ephemeral=false",
                        "--cpis.database.embedded.data-directory=" + data,
                        "--cpis.identity.demo.enabled=true");
    }
}
