package org.cpis.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures (https://www.standardwebhooks.com): base64 HMAC-SHA256 of "id.timestamp.body" under the
 * secret's bytes (the base64 after "whsec_"), sent as "v1,&lt;signature&gt;", one per live secret, space-separated.
 */
final class WebhookSigner {

    private WebhookSigner() {}

    static String signature(String secret, String id, long timestamp, String body) {
        String key = secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(key), "HmacSHA256"));
            byte[] digest = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String header(String secret, String previousSecret, String id, long timestamp, String body) {
        String header = signature(secret, id, timestamp, body);
        return previousSecret == null ? header : header + " " + signature(previousSecret, id, timestamp, body);
    }
}
