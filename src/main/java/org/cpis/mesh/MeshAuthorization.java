package org.cpis.mesh;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * MESH's {@code Authorization: NHSMESH mailbox:nonce:nonce_count:timestamp:hmac} header: the HMAC-SHA256 (hex), keyed
 * with the environment's shared key, of {@code mailbox:nonce:nonce_count:password:timestamp}, timestamp
 * {@code yyyyMMddHHmm} in UTC. A fresh nonce per request, so a captured header is not replayable as another request.
 */
final class MeshAuthorization {

    static final String SCHEME = "NHSMESH ";
    static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyyMMddHHmm").withZone(ZoneOffset.UTC);

    private MeshAuthorization() {}

    static String header(String mailbox, String password, String sharedKey, Clock clock) {
        String nonce = UUID.randomUUID().toString();
        String count = "0";
        String timestamp = TIMESTAMP.format(clock.instant());
        String hmac = hmac(sharedKey, String.join(":", mailbox, nonce, count, password, timestamp));
        return SCHEME + String.join(":", mailbox, nonce, count, timestamp, hmac);
    }

    static String hmac(String key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
