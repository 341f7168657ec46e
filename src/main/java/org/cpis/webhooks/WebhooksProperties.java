package org.cpis.webhooks;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The webhook settings among {@code cpis.notifications}.
 *
 * @param webhookFirstRetry an endpoint failing a whole batch is backed off this long at first, doubling each time
 * @param webhookMaxRetryInterval up to this
 * @param webhookTimeout how long a receiver has to answer
 * @param webhookLocalAddressesAllowed whether a webhook may go to this machine or a private network: only for trying
 *     a receiver out (tests, a developer's machine); off in production, where it would let the settings page probe the
 *     hub's own network
 * @param secretKey base64 AES-256 key (32 bytes) that encrypts LA webhook secrets at rest; from the environment
 *     ({@code CPIS_NOTIFICATIONS_SECRET_KEY}). Without it a key is generated and kept in the database (embedded default).
 */
@ConfigurationProperties("cpis.notifications")
record WebhooksProperties(
        @DefaultValue("30s") Duration webhookFirstRetry,
        @DefaultValue("2h") Duration webhookMaxRetryInterval,
        @DefaultValue("10s") Duration webhookTimeout,
        @DefaultValue("false") boolean webhookLocalAddressesAllowed,
        String secretKey) {}
