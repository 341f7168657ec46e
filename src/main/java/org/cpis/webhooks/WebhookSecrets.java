package org.cpis.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * LA webhook secrets at rest: AES-256-GCM under a key from the environment, bound to the LA (associated data), so that a
 * copy of the database alone cannot be used to forge notifications to an LA. The hub needs the secret itself to sign,
 * so it cannot be hashed like a password.
 */
@Component
class WebhookSecrets {

    static final String PREFIX = "enc:v1:";
    private static final int IV_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final WebhooksProperties properties;
    private final SecretKeySpec key;

    WebhookSecrets(JdbcClient jdbc, WebhooksProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
        // Now, outside any transaction: a first use inside a read-only one could not store a generated key.
        this.key = loadKey();
    }

    String seal(String la, String secret) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, la, iv, secret.getBytes(StandardCharsets.UTF_8));
        byte[] out = new byte[IV_BYTES + sealed.length];
        System.arraycopy(iv, 0, out, 0, IV_BYTES);
        System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
        return PREFIX + Base64.getEncoder().encodeToString(out);
    }

    /** @return the secret; a value stored before secrets were encrypted is returned as it is */
    String open(String la, String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return stored;
        }
        byte[] in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        byte[] iv = java.util.Arrays.copyOf(in, IV_BYTES);
        byte[] sealed = java.util.Arrays.copyOfRange(in, IV_BYTES, in.length);
        return new String(crypt(Cipher.DECRYPT_MODE, la, iv, sealed), StandardCharsets.UTF_8);
    }

    /** Encrypts secrets stored in clear by an earlier version; idempotent, runs at start-up. */
    @EventListener(ApplicationReadyEvent.class)
    @Transactional
    public void sealStoredInClear() {
        record Row(String la, String secret, String previous) {}
        List<Row> rows = jdbc.sql("""
                        select la_ods, secret, previous_secret from notifications.webhook
                         where secret not like 'enc:v1:%' or previous_secret not like 'enc:v1:%'
                         for update
                        """)
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3)))
                .list();
        for (Row row : rows) {
            jdbc.sql(
                            "update notifications.webhook set secret = :secret, previous_secret = :previous where la_ods = :la")
                    .param("secret", seal(row.la(), open(row.la(), row.secret())))
                    .param("previous", row.previous() == null ? null : seal(row.la(), open(row.la(), row.previous())))
                    .param("la", row.la())
                    .update();
        }
    }

    private byte[] crypt(int mode, String la, byte[] iv, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(128, iv));
            cipher.updateAAD(la.getBytes(StandardCharsets.US_ASCII));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            // A wrong key or a value moved to another LA: never say more (the message could carry key material).
            throw new IllegalStateException("a stored webhook secret cannot be decrypted with the configured key");
        }
    }

    private SecretKeySpec loadKey() {
        String configured = properties.secretKey();
        byte[] bytes;
        try {
            bytes = configured != null && !configured.isBlank()
                    ? Base64.getDecoder().decode(configured.trim())
                    : installationKey();
        } catch (IllegalArgumentException e) {
            bytes = new byte[0];
        }
        if (bytes.length != 32) {
            throw new IllegalStateException("cpis.notifications.secret-key must be 32 bytes in base64");
        }
        return new SecretKeySpec(bytes, "AES");
    }

    private byte[] installationKey() {
        byte[] fresh = new byte[32];
        RANDOM.nextBytes(fresh);
        jdbc.sql("insert into notifications.secret_key (key) values (:key) on conflict do nothing")
                .param("key", fresh)
                .update();
        return jdbc.sql("select key from notifications.secret_key")
                .query(byte[].class)
                .single();
    }
}
