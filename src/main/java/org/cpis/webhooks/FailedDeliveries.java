package org.cpis.webhooks;

import java.util.List;
import java.util.UUID;
import org.cpis.shared.OdsCode;

/**
 * The LA's deliveries that were given up, newest first, for its webhook settings page. The notifications module keeps
 * deliveries and provides this.
 */
public interface FailedDeliveries {

    List<FailedDelivery> failed(OdsCode localAuthority, int limit);

    /** @param channel how it was sent, in words ("Webhook", "Email") */
    record FailedDelivery(UUID notificationId, String channel, int attempts, String lastError) {}
}
