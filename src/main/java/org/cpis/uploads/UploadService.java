package org.cpis.uploads;

import de.siegmar.fastcsv.reader.CsvParseException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.cpis.audit.Audit;
import org.cpis.audit.AuditEntry;
import org.cpis.records.RecordBatch;
import org.cpis.records.Records;
import org.cpis.shared.EnglandDate;
import org.cpis.shared.OdsCode;
import org.cpis.shared.web.TraceIdFilter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

@Service
class UploadService implements Uploads {

    private final UploadStore store;
    private final Records records;
    private final Audit audit;
    private final Clock clock;
    private final UploadsProperties properties;

    UploadService(UploadStore store, Records records, Audit audit, Clock clock, UploadsProperties properties) {
        this.store = store;
        this.records = records;
        this.audit = audit;
        this.clock = clock;
        this.properties = properties;
    }

    @Override
    @Transactional
    public Acknowledgement upload(UploadCommand command) {
        return accept(command, null);
    }

    @Override
    @Transactional
    public Acknowledgement unreadable(UploadCommand command, MalformedProblem problem) {
        return accept(command, problem);
    }

    /** @param knownProblem why the caller could not read the file at all, or null to read it here */
    private Acknowledgement accept(UploadCommand command, MalformedProblem knownProblem) {
        OdsCode la = command.localAuthority();
        store.lock(la);
        int epoch = store.epoch(la);
        if (command.sequence() != null) {
            requireInRange(command.sequence());
            Optional<Acknowledgement> replay = store.bySequence(la, epoch, command.sequence());
            if (replay.isPresent()) {
                return replay.get();
            }
        }
        long sequence = sequence(store.lastSequence(la, epoch), command.sequence());
        UUID uploadId = UUID.randomUUID();
        Instant receivedAt = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
        LineOutcomes outcomes = new LineOutcomes();
        MalformedProblem problem = knownProblem != null ? knownProblem : load(la, uploadId, command, outcomes);
        Acknowledgement ack = acknowledgement(uploadId, sequence, receivedAt, problem, outcomes);
        store.store(la, epoch, command, ack);
        if (problem == null) {
            store.storeRejections(uploadId, outcomes);
        }
        audit.record(new AuditEntry(
                command.submittedBy(),
                command.submitterRole(),
                la.value(),
                "UPLOAD",
                null,
                "upload:" + uploadId,
                ack.status().name(),
                TraceIdFilter.current(),
                "sequence=" + sequence + " received=" + ack.received() + " loaded=" + ack.loaded() + " rejected="
                        + ack.rejected()));
        return ack;
    }

    private static void requireInRange(long requested) {
        if (requested < 1 || requested > MAX_SEQUENCE) {
            throw new UploadRejectedException(
                    UploadRejectedException.Kind.SEQUENCE_OUT_OF_RANGE,
                    "Upload-Sequence must be a whole number from 1 to " + MAX_SEQUENCE);
        }
    }

    /** The sequence this upload takes: the caller's (not yet used), or the next one from the browser. */
    private static long sequence(long last, Long requested) {
        if (requested == null) {
            if (last >= MAX_SEQUENCE) {
                throw new UploadRejectedException(
                        UploadRejectedException.Kind.SEQUENCE_EXHAUSTED,
                        "This authority's upload sequence has reached its maximum. Ask the CP-IS service desk to reset"
                                + " it.");
            }
            return last + 1;
        }
        if (requested < last) {
            throw new UploadRejectedException(
                    UploadRejectedException.Kind.SEQUENCE_TOO_LOW,
                    "Upload-Sequence " + requested + " is lower than the last accepted, " + last);
        }
        return requested;
    }

    @Override
    @Transactional
    public long resetSequence(OdsCode la, String resetBy, String resetterRole, String resetterOrganisation) {
        store.lock(la);
        int epoch = store.epoch(la);
        long last = store.lastSequence(la, epoch);
        int next = store.newEpoch(la, resetBy, Instant.now(clock));
        audit.record(new AuditEntry(
                resetBy,
                resetterRole,
                resetterOrganisation,
                "UPLOAD_SEQUENCE_RESET",
                null,
                "la:" + la.value(),
                "RESET",
                TraceIdFilter.current(),
                "previous=" + last + " epoch=" + next));
        return last;
    }

    @Override
    @Transactional(readOnly = true)
    public long lastSequence(OdsCode la) {
        return store.lastSequence(la, store.epoch(la));
    }

    /** Reads, validates and loads the file; returns why it is malformed, or null. */
    private MalformedProblem load(OdsCode la, UUID uploadId, UploadCommand command, LineOutcomes outcomes) {
        TransactionStatus transaction = TransactionAspectSupport.currentTransactionStatus();
        // A file found unreadable halfway has already streamed rows into the load: roll back to here, keep the
        // acknowledgement.
        Object beforeLoad = transaction.createSavepoint();
        try (UploadFileReader file = new UploadFileReader(
                new LimitedInputStream(command.body(), properties.maxFileSize().toBytes()), properties.maxRows())) {
            if (file.problem() != null) {
                return file.problem();
            }
            try (RecordBatch batch = records.startBatch(la, uploadId)) {
                file.readLines(EnglandDate.today(clock), batch, outcomes);
                outcomes.duplicates(batch.apply());
            }
            return null;
        } catch (CsvParseException e) {
            if (e.getCause() instanceof UploadRejectedException tooLarge) {
                throw tooLarge; // the size limit, reached while FastCSV was reading
            }
            // The batch was closed (its COPY cancelled) before this runs; undo whatever it streamed.
            transaction.rollbackToSavepoint(beforeLoad);
            return MalformedProblem.NOT_CSV;
        }
    }

    private static Acknowledgement acknowledgement(
            UUID uploadId, long sequence, Instant receivedAt, MalformedProblem problem, LineOutcomes outcomes) {
        LineOutcomes kept = problem == null ? outcomes : new LineOutcomes();
        int received = kept.size();
        int rejected = kept.rejected();
        int loaded = received - rejected;
        UploadStatus status = problem != null
                ? UploadStatus.MALFORMED
                : rejected == 0
                        ? UploadStatus.ALL_LOADED
                        : loaded == 0 ? UploadStatus.NONE_LOADED : UploadStatus.PARTIALLY_LOADED;
        return new Acknowledgement(
                uploadId, sequence, status, problem, received, loaded, rejected, receivedAt, kept.gzippedJson());
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Acknowledgement> find(OdsCode la, UUID uploadId) {
        return store.find(la, uploadId);
    }

    @Override
    @Transactional(readOnly = true)
    public List<UploadSummary> list(OdsCode la, int limit) {
        return store.list(la, limit);
    }

    @Override
    @Transactional(readOnly = true)
    public List<Rejection> rejections(OdsCode la, UUID uploadId, int limit) {
        return store.rejections(la, uploadId, limit);
    }
}
