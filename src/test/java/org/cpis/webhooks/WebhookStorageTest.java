package org.cpis.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.cpis.CpisIntegrationTest;
import org.cpis.shared.OdsCode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Webhook secrets in PostgreSQL: sealed when stored, and sealed at start where an earlier version left them clear. */
@CpisIntegrationTest
class WebhookStorageTest {

    static final OdsCode COVENTRY = new OdsCode("E08000026");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Webhooks webhooks;

    @Test
    void secrets_are_stored_encrypted_and_one_stored_in_clear_by_an_earlier_version_is_encrypted_at_start(
            @Autowired WebhookSecrets secrets) {
        webhooks.configure(COVENTRY, "https://cases.example.gov.uk/cpis");
        WebhookSettings settings = webhooks.settings(COVENTRY);
        Map<String, Object> row = jdbc.sql("select secret from notifications.webhook where la_ods = :la")
                .param("la", COVENTRY.value())
                .query()
                .singleRow();
        assertThat((String) row.get("secret"))
                .startsWith("enc:v1:")
                .doesNotContain(settings.secret().substring(6));

        OdsCode leeds = new OdsCode("E08000035");
        jdbc.sql("""
                insert into notifications.webhook (la_ods, url, secret, previous_secret, enabled, updated_at)
                values (:la, 'https://cases.example.gov.uk/cpis', 'whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', null,
                        false, now())
                on conflict (la_ods) do update set secret = excluded.secret, previous_secret = null
                """).param("la", leeds.value()).update();
        secrets.sealStoredInClear();
        assertThat(jdbc.sql("select secret from notifications.webhook where la_ods = :la")
                        .param("la", leeds.value())
                        .query(String.class)
                        .single())
                .startsWith("enc:v1:");
        assertThat(webhooks.settings(leeds).secret()).isEqualTo("whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        webhooks.disable(leeds);
        webhooks.disable(COVENTRY);
    }
}
