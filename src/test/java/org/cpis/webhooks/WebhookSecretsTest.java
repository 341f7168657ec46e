package org.cpis.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class WebhookSecretsTest {

    static WebhooksProperties withKey(String key) {
        return new WebhooksProperties(Duration.ofSeconds(30), Duration.ofHours(2), Duration.ofSeconds(10), false, key);
    }

    static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    final WebhookSecrets secrets = new WebhookSecrets(null, withKey(KEY));

    @Test
    void a_secret_is_stored_encrypted_and_comes_back_whole() {
        String secret = WebhookService.newSecret();
        String stored = secrets.seal("E08000025", secret);
        assertThat(stored).startsWith("enc:v1:").doesNotContain(secret).doesNotContain(secret.substring(6));
        assertThat(secrets.seal("E08000025", secret))
                .as("a fresh nonce every time")
                .isNotEqualTo(stored);
        assertThat(secrets.open("E08000025", stored)).isEqualTo(secret);
    }

    @Test
    void a_value_moved_to_another_la_or_altered_or_under_another_key_does_not_open() {
        String stored = secrets.seal("E08000025", WebhookService.newSecret());
        assertThatThrownBy(() -> secrets.open("E08000035", stored))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("a stored webhook secret cannot be decrypted with the configured key");
        char[] altered = stored.toCharArray();
        altered[altered.length - 3] = altered[altered.length - 3] == 'A' ? 'B' : 'A';
        assertThatThrownBy(() -> secrets.open("E08000025", new String(altered)))
                .isInstanceOf(IllegalStateException.class);
        byte[] other = new byte[32];
        other[0] = 1;
        WebhookSecrets otherKey =
                new WebhookSecrets(null, withKey(Base64.getEncoder().encodeToString(other)));
        assertThatThrownBy(() -> otherKey.open("E08000025", stored)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_secret_stored_in_clear_by_an_earlier_version_is_read_as_it_is() {
        assertThat(secrets.open("E08000025", "whsec_abc")).isEqualTo("whsec_abc");
        assertThat(secrets.open("E08000025", null)).isNull();
    }

    @Test
    void a_key_of_the_wrong_size_stops_the_hub_without_showing_it() {
        assertThatThrownBy(() -> new WebhookSecrets(null, withKey("c2hvcnQ=")))
                .hasMessage("cpis.notifications.secret-key must be 32 bytes in base64");
        assertThatThrownBy(() -> new WebhookSecrets(null, withKey("not base64!")))
                .hasMessage("cpis.notifications.secret-key must be 32 bytes in base64");
    }
}
