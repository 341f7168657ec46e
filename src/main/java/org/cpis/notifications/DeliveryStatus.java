package org.cpis.notifications;

import java.util.UUID;

/** A delivery as the LA's settings page lists the failed ones. */
record DeliveryStatus(UUID notificationId, Channel channel, DeliveryState status, int attempts, String lastError) {}
