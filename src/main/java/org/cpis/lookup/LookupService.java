package org.cpis.lookup;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.cpis.audit.Audit;
import org.cpis.audit.AuditEntry;
import org.cpis.identity.Actor;
import org.cpis.identity.Role;
import org.cpis.organisations.CareSettingType;
import org.cpis.organisations.Organisation;
import org.cpis.organisations.Organisations;
import org.cpis.records.Records;
import org.cpis.records.RecordsPurged;
import org.cpis.records.VisibleRecord;
import org.cpis.shared.EnglandDate;
import org.cpis.shared.NhsNumber;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

@Service
class LookupService implements Lookup {

    private final Records records;
    private final Organisations organisations;
    private final AccessRepository accesses;
    private final Audit audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final SilentAccessWriter silentAccesses;

    LookupService(
            Records records,
            Organisations organisations,
            AccessRepository accesses,
            Audit audit,
            ApplicationEventPublisher events,
            Clock clock,
            PlatformTransactionManager transactions,
            SilentAccessWriter silentAccesses) {
        this.transaction = new TransactionTemplate(transactions);
        this.silentAccesses = silentAccesses;
        this.records = records;
        this.organisations = organisations;
        this.accesses = accesses;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /**
     * An unscheduled access is read, recorded and notified in one transaction. A silent read is read first, then its
     * access and audit entry are recorded in a batch with other silent reads ({@link SilentAccessWriter}); it is
     * answered only after they are committed, and holds no connection while it waits.
     */
    @Override
    public LookupResult lookup(LookupRequest request) {
        Actor actor = request.actor();
        requireLookupRole(actor);
        CareSettingType setting = organisations
                .find(actor.organisation())
                .map(Organisation::careSettingType)
                .orElse(null);
        // Unscheduled only if the caller says so (or says nothing), its setting is an unscheduled one, and the
        // person's role is not a scheduled-care role: scheduled care reads silently.
        boolean unscheduled = request.unscheduledHeader()
                && actor.role() != Role.SCHEDULED_CLINICIAN
                && setting != null
                && setting.unscheduled();
        if (unscheduled) {
            return transaction.execute(status -> lookUp(request, setting, true));
        }
        List<VisibleRecord> found = visible(request);
        if (found.isEmpty()) {
            return transaction.execute(status -> {
                audit(request, "NOT_FOUND", "unscheduled=false");
                return new LookupResult(List.of(), List.of(), false);
            });
        }
        List<Access> previous = previous(request);
        silentAccesses.record(
                newAccess(request, setting, false),
                id -> entry(request, "FOUND", "records=" + found.size() + " unscheduled=false access=" + id));
        return result(found, previous, false);
    }

    private LookupResult lookUp(LookupRequest request, CareSettingType setting, boolean unscheduled) {
        List<VisibleRecord> found = visible(request);
        if (found.isEmpty()) {
            audit(request, "NOT_FOUND", "unscheduled=" + unscheduled);
            return new LookupResult(List.of(), List.of(), unscheduled);
        }
        List<Access> previous = previous(request);
        AccessRepository.NewAccess access = newAccess(request, setting, unscheduled);
        long accessId = accesses.insert(
                access.nhs(),
                access.at(),
                access.actorId(),
                access.actorName(),
                access.actorRole(),
                access.org(),
                access.orgName(),
                setting,
                unscheduled,
                request.channel(),
                request.traceId());
        Actor actor = request.actor();
        events.publishEvent(new UnscheduledAccessRecorded(
                accessId,
                request.nhsNumber(),
                found,
                access.at(),
                actor.displayName(),
                actor.role().name(),
                actor.organisation(),
                actor.organisationName(),
                setting,
                request.traceId()));
        audit(request, "FOUND", "records=" + found.size() + " unscheduled=" + unscheduled + " access=" + accessId);
        return result(found, previous, unscheduled);
    }

    private List<VisibleRecord> visible(LookupRequest request) {
        List<VisibleRecord> found = records.visible(request.nhsNumber(), EnglandDate.today(clock));
        if (request.confirmDateOfBirth() != null) {
            found = found.stream()
                    .filter(r -> r.dateOfBirth().equals(request.confirmDateOfBirth()))
                    .toList();
        }
        return found;
    }

    private AccessRepository.NewAccess newAccess(LookupRequest request, CareSettingType setting, boolean unscheduled) {
        Actor actor = request.actor();
        return new AccessRepository.NewAccess(
                request.nhsNumber(),
                Instant.now(clock),
                actor.id(),
                actor.displayName(),
                actor.role().name(),
                actor.organisation(),
                actor.organisationName(),
                setting,
                unscheduled,
                request.channel(),
                request.traceId());
    }

    /** The child's previous unscheduled accesses, read before this one is recorded. */
    private List<Access> previous(LookupRequest request) {
        // The clinician's page shows them with the alert; a FHIR client asks for them separately (AuditEvent
        // search), so a CareTeam search does not read them.
        return request.channel() == LookupRequest.Channel.WEB
                ? accesses.recentUnscheduled(request.nhsNumber())
                : List.of();
    }

    private LookupResult result(List<VisibleRecord> found, List<Access> previous, boolean unscheduled) {
        List<LookupResult.Alert> alerts = found.stream()
                .map(r -> new LookupResult.Alert(
                        r, organisations.localAuthority(r.localAuthority()).orElse(null)))
                .toList();
        return new LookupResult(alerts, previous, unscheduled);
    }

    @Override
    @Transactional
    public List<Access> recentAccesses(Actor actor, NhsNumber nhsNumber, String traceId) {
        requireLookupRole(actor);
        List<Access> recent = accesses.recentUnscheduled(nhsNumber);
        audit.record(new AuditEntry(
                actor.id(),
                actor.role().name(),
                actor.organisation().value(),
                "ACCESS_HISTORY",
                nhsNumber,
                null,
                recent.isEmpty() ? "NOT_FOUND" : "FOUND",
                traceId,
                "accesses=" + recent.size()));
        return recent;
    }

    @Override
    @Transactional(readOnly = true)
    public List<Access> accessHistory(NhsNumber nhsNumber) {
        return accesses.recentUnscheduled(nhsNumber);
    }

    /** The access history of people whose last record was purged goes with it (spec section 2). */
    @EventListener
    void onRecordsPurged(RecordsPurged purged) {
        accesses.deleteFor(purged.nhsNumbersWithNoRecordLeft());
    }

    private static void requireLookupRole(Actor actor) {
        if (!Lookup.mayLookUp(actor)) {
            throw new AccessDeniedException("this role may not look up CP-IS records");
        }
    }

    private void audit(LookupRequest request, String outcome, String detail) {
        audit.record(entry(request, outcome, detail));
    }

    private static AuditEntry entry(LookupRequest request, String outcome, String detail) {
        Actor actor = request.actor();
        return new AuditEntry(
                actor.id(),
                actor.role().name(),
                actor.organisation().value(),
                "LOOKUP_" + request.channel().name(),
                request.nhsNumber(),
                null,
                outcome,
                request.traceId(),
                detail);
    }
}
