package org.cpis.notifications;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The feed and deliveries among {@code cpis.notifications} (the webhook's own settings are the webhooks module's).
 *
 * @param groupingWindow accesses of the same child from the same organisation within this window make one
 *     notification with a count (spec section 5: default 12 hours)
 * @param escalateAfter an unreviewed notification older than this is flagged and escalated to the duty team
 * @param webhookRetryFor how long a failing delivery is retried before it is marked failed (at least 24 hours)
 * @param webhookFirstRetry the first retry's delay, doubling with each attempt
 * @param webhookMaxRetryInterval up to this
 * @param publicUrl the hub's address as LA staff reach it, for links in e-mails
 * @param mailFrom sender of the e-mail backup
 */
@ConfigurationProperties("cpis.notifications")
record NotificationsProperties(
        @DefaultValue("12h") Duration groupingWindow,
        @DefaultValue("24h") Duration escalateAfter,
        @DefaultValue("25h") Duration webhookRetryFor,
        @DefaultValue("30s") Duration webhookFirstRetry,
        @DefaultValue("2h") Duration webhookMaxRetryInterval,
        @DefaultValue("http://localhost:8080") URI publicUrl,
        @DefaultValue("cpis-notifications@cpis.example") String mailFrom) {}
