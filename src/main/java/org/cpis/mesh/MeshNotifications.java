package org.cpis.mesh;

import java.time.Clock;
import java.time.Instant;
import org.cpis.mesh.OutboundStore.Outbound;
import org.cpis.notifications.MeshDelivery;
import org.cpis.notifications.Notification;
import org.cpis.shared.OdsCode;
import org.springframework.stereotype.Component;

/**
 * The notifications module's MESH channel: a notification becomes an Access to Service Notification queued in the
 * outbox, keyed by the notification's id, so handing it over again (a retried delivery) queues nothing new.
 */
@Component
class MeshNotifications implements MeshDelivery {

    private final OutboundStore outbound;
    private final MeshProperties properties;
    private final Clock clock;

    MeshNotifications(OutboundStore outbound, MeshProperties properties, Clock clock) {
        this.outbound = outbound;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public boolean chosenBy(OdsCode la) {
        MeshProperties.Partner partner = properties.enabled() ? properties.partnerOf(la) : null;
        return partner != null && partner.notifications();
    }

    @Override
    public String deliver(Notification n) {
        MeshProperties.Partner partner = properties.partnerOf(n.localAuthority());
        if (!properties.enabled() || partner == null) {
            return "no MESH mailbox for this authority";
        }
        Instant now = Instant.now(clock);
        outbound.queue(
                new Outbound(
                        "asn-" + n.id(),
                        Hl7Notifications.ACCESS_KIND,
                        n.localAuthority(),
                        partner.mailbox(),
                        properties.workflows().accessNotification(),
                        Hl7Notifications.ACCESS_KIND + "_" + n.id() + ".xml",
                        Hl7Notifications.accessToService(n, now)),
                now,
                now.plus(properties.sendRetryFor()));
        return null;
    }
}
