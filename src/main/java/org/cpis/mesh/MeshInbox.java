package org.cpis.mesh;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.cpis.mesh.InboundStore.Received;
import org.cpis.uploads.UploadRejectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes one message from the hub's inbox: store it, apply it, then acknowledge it to MESH. Each step is recorded, so a
 * crash at any point repeats only what had not happened: a stored message is not downloaded again, an applied one is
 * only acknowledged, and the row lock lets one node apply it once.
 */
@Component
class MeshInbox {

    private static final Logger log = LoggerFactory.getLogger(MeshInbox.class);

    private final MeshClient client;
    private final InboundStore store;
    private final OutboundStore outbound;
    private final Hl7UploadHandler uploads;
    private final MeshProperties properties;
    private final TransactionTemplate transaction;
    private final Clock clock;

    MeshInbox(
            MeshClient client,
            InboundStore store,
            OutboundStore outbound,
            Hl7UploadHandler uploads,
            MeshProperties properties,
            TransactionTemplate transaction,
            Clock clock) {
        this.client = client;
        this.store = store;
        this.outbound = outbound;
        this.uploads = uploads;
        this.properties = properties;
        this.transaction = transaction;
        this.clock = clock;
    }

    void take(String messageId) {
        Optional<InboundStore.State> state = store.state(messageId);
        if (state.isEmpty()) {
            MeshClient.Downloaded message = client.download(messageId);
            MeshProperties.Partner partner =
                    message.from() == null ? null : properties.partnerByMailbox(message.from());
            store.received(message, partner == null ? null : partner.localAuthority(), Instant.now(clock));
        }
        if (state.orElse(InboundStore.State.RECEIVED) == InboundStore.State.RECEIVED) {
            apply(messageId);
        }
        client.acknowledge(messageId);
        store.acknowledged(messageId, Instant.now(clock));
    }

    private void apply(String messageId) {
        try {
            transaction.executeWithoutResult(tx -> store.lockReceived(messageId).ifPresent(this::apply));
        } catch (UploadRejectedException e) {
            // Refused before anything was loaded, and all of it rolled back: answer CPF01 in a transaction of its own.
            log.info("MESH message {}: upload refused ({})", messageId, e.kind());
            transaction.executeWithoutResult(tx -> store.lockReceived(messageId).ifPresent(m -> {
                Hl7UploadHandler.Outcome outcome = uploads.refuse(m, properties.partnerByMailbox(m.fromMailbox()));
                store.applied(m.messageId(), outcome.code() + " " + e.kind(), null, Instant.now(clock));
            }));
        }
    }

    private void apply(Received m) {
        Instant now = Instant.now(clock);
        MeshProperties.Partner partner = m.fromMailbox() == null ? null : properties.partnerByMailbox(m.fromMailbox());
        if ("REPORT".equalsIgnoreCase(m.messageType())) {
            if (m.localId() != null) {
                outbound.undeliverable(m.localId(), m.statusDescription());
            }
            log.warn("MESH non-delivery report for a message the hub sent: {}", m.statusDescription());
            store.applied(m.messageId(), "REPORT", null, now);
        } else if (partner == null) {
            // Mailbox ids are not personal data; the file is never logged.
            log.warn("MESH message {} from mailbox {}, which is no LA's: not applied", m.messageId(), m.fromMailbox());
            store.applied(m.messageId(), "UNKNOWN_SENDER", null, now);
        } else if (!properties.workflows().upload().equals(m.workflowId())) {
            log.warn(
                    "MESH message {} has workflow {}, not the upload workflow: not applied",
                    m.messageId(),
                    m.workflowId());
            store.applied(m.messageId(), "UNEXPECTED_WORKFLOW", null, now);
        } else {
            Hl7UploadHandler.Outcome outcome = uploads.apply(m, partner);
            store.applied(m.messageId(), outcome.code(), outcome.uploadId(), now);
        }
    }
}
