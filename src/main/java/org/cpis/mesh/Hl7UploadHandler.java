package org.cpis.mesh;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.cpis.mesh.InboundStore.Received;
import org.cpis.mesh.OutboundStore.Outbound;
import org.cpis.shared.OdsCode;
import org.cpis.uploads.Acknowledgement;
import org.cpis.uploads.MalformedProblem;
import org.cpis.uploads.Rejection;
import org.cpis.uploads.UploadCommand;
import org.cpis.uploads.UploadStatus;
import org.cpis.uploads.Uploads;
import org.springframework.stereotype.Component;

/**
 * Applies an LA's HL7 v3 upload through the uploads module's own {@link Uploads#upload} (same rules, same
 * transaction) and queues the REPC_MT000003GB01 acknowledgement to the LA's mailbox in that transaction.
 */
@Component
class Hl7UploadHandler {

    static final String ACK_KIND = "REPC_MT000003GB01";

    private final Uploads uploads;
    private final OutboundStore outbound;
    private final MeshProperties properties;
    private final Clock clock;

    Hl7UploadHandler(Uploads uploads, OutboundStore outbound, MeshProperties properties, Clock clock) {
        this.uploads = uploads;
        this.outbound = outbound;
        this.properties = properties;
        this.clock = clock;
    }

    /** What became of a file: its CPF code and the upload it made, if any. */
    record Outcome(String code, UUID uploadId) {}

    /** Must run in the caller's transaction (the message row is locked there). */
    Outcome apply(Received message, MeshProperties.Partner partner) {
        Hl7UploadFile file = message.tooLarge()
                ? Hl7UploadFile.unreadable(null, "larger than " + properties.maxMessageSize())
                : Hl7UploadReader.read(message.body(), properties.maxRecords());
        OdsCode la = partner.localAuthority();
        Instant now = Instant.now(clock);
        if (file.problem() != null) {
            UUID uploadId = null;
            if (file.sequence() != null) {
                uploadId = uploads.unreadable(
                                command(la, partner, file.sequence(), new byte[0]), MalformedProblem.NOT_HL7V3)
                        .uploadId();
            }
            queueAck(
                    message,
                    partner,
                    new Hl7Acknowledgement.Answer(
                            la, file.sequence(), UploadStatus.MALFORMED, -1, List.of(), List.of(), now));
            return new Outcome("CPF01", uploadId);
        }
        Acknowledgement ack = uploads.upload(command(la, partner, file.sequence(), Hl7UploadCsv.csv(file.records())));
        List<Rejection> rejections = ack.status() == UploadStatus.MALFORMED
                ? List.of()
                : uploads.rejections(la, ack.uploadId(), properties.maxRecords());
        queueAck(
                message,
                partner,
                new Hl7Acknowledgement.Answer(
                        la, file.sequence(), ack.status(), ack.received(), file.records(), rejections, now));
        return new Outcome(Hl7Acknowledgement.fileCode(ack.status()), ack.uploadId());
    }

    /** A file the uploads module refused before loading anything (e.g. a sequence lower than the last): CPF01. */
    Outcome refuse(Received message, MeshProperties.Partner partner) {
        Long sequence = message.tooLarge()
                ? null
                : Hl7UploadReader.read(message.body(), properties.maxRecords()).sequence();
        queueAck(
                message,
                partner,
                new Hl7Acknowledgement.Answer(
                        partner.localAuthority(),
                        sequence,
                        UploadStatus.MALFORMED,
                        -1,
                        List.of(),
                        List.of(),
                        Instant.now(clock)));
        return new Outcome("CPF01", null);
    }

    private UploadCommand command(OdsCode la, MeshProperties.Partner partner, long sequence, byte[] csv) {
        return new UploadCommand(
                la,
                sequence,
                "mesh:" + partner.mailbox(),
                "LA_SYSTEM",
                UploadCommand.Channel.MESH,
                new ByteArrayInputStream(csv));
    }

    private void queueAck(Received message, MeshProperties.Partner partner, Hl7Acknowledgement.Answer answer) {
        Instant now = answer.at();
        String sequence =
                answer.sequence() == null ? "unknown" : answer.sequence().toString();
        outbound.queue(
                new Outbound(
                        "ack-" + message.messageId(),
                        ACK_KIND,
                        partner.localAuthority(),
                        partner.mailbox(),
                        properties.workflows().acknowledgement(),
                        ACK_KIND + "_" + sequence + ".xml",
                        Hl7Acknowledgement.write(answer)),
                now,
                now.plus(properties.sendRetryFor()));
    }
}
