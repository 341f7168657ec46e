package org.cpis.mesh;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One round with MESH: handshake, take every message in the inbox, send what is waiting, follow what was sent. Run by
 * db-scheduler on one node at a time ({@link MeshJobs}); safe to run by hand besides (tests), since every step is
 * guarded by its row.
 */
@Component
class MeshExchange {

    private static final Logger log = LoggerFactory.getLogger(MeshExchange.class);

    private final MeshClient client;
    private final MeshInbox inbox;
    private final MeshOutbox outbox;

    MeshExchange(MeshClient client, MeshInbox inbox, MeshOutbox outbox) {
        this.client = client;
        this.inbox = inbox;
        this.outbox = outbox;
    }

    /** @return false when MESH could not be reached; what was not done waits for the next round */
    boolean exchange() {
        try {
            client.handshake();
            for (String messageId : client.inbox()) {
                take(messageId);
            }
            outbox.sendDue();
            outbox.track();
            return true;
        } catch (MeshClient.MeshUnavailable | MeshClient.MeshRefused e) {
            log.warn("MESH exchange stopped: {}", e.getMessage());
            return false;
        }
    }

    private void take(String messageId) {
        try {
            inbox.take(messageId);
        } catch (MeshClient.MeshRefused e) {
            // One message MESH will not give or take (e.g. expired meanwhile): the others still go.
            log.warn("MESH message {} skipped: {}", messageId, e.getMessage());
        }
    }
}
