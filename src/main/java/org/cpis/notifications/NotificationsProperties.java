package org.cpis.notifications;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param groupingWindow accesses of the same child from the same organisation within this window make one
 *     notification with a count (spec section 5: default 12 hours)
 * @param escalateAfter an unreviewed notification older than this is flagged and escalated to the duty team
 * @param webhookRetryFor how long a failing webhook is retried before it is marked failed (at least 24 hours)
 * @param publicUrl the hub's address as LA staff reach it, for links in e-mails
 * @param mailFrom sender of the e-mail backup
 * @param webhookLocalAddressesAllowed whether a webhook may go to this machine or a private network: only for trying
 *     a receiver out (tests, a developer's machine); off in production, where it would let the settings page probe the
 *     hub's own network
 * @param secretKey base64 AES-256 key (32 bytes) that encrypts LA webhook secrets at rest; from the environment
 *     ({@code CPIS_NOTIFICATIONS_SECRET_KEY}). Without it a key is generated and kept in the database (embedded default).
 */
@ConfigurationProperties("cpis.notifications")
record NotificationsProperties(
        @DefaultValue("12h") Duration groupingWindow,
        @DefaultValue("24h") Duration escalateAfter,
        @DefaultValue("25h") Duration webhookRetryFor,
        @DefaultValue("30s") Duration webhookFirstRetry,
        @DefaultValue("2h") Duration webhookMaxRetryInterval,
        @DefaultValue("10s") Duration webhookTimeout,
        @DefaultValue("http://localhost:8080") URI publicUrl,
        @DefaultValue("cpis-notifications@cpis.example") String mailFrom,
        @DefaultValue("false") boolean webhookLocalAddressesAllowed,
        String secretKey) {}
