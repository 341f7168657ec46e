package org.cpis.notifications;

import java.util.List;
import org.cpis.shared.OdsCode;
import org.cpis.webhooks.FailedDeliveries;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The deliveries given up, as the LA's webhook settings page lists them. */
@Component
class FailedDeliveryList implements FailedDeliveries {

    private final DeliveryQueue deliveries;

    FailedDeliveryList(DeliveryQueue deliveries) {
        this.deliveries = deliveries;
    }

    @Override
    @Transactional(readOnly = true)
    public List<FailedDelivery> failed(OdsCode la, int limit) {
        return deliveries.failures(la, limit).stream()
                .map(d ->
                        new FailedDelivery(d.notificationId(), d.channel().displayName(), d.attempts(), d.lastError()))
                .toList();
    }
}
