package org.cpis.lookup;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.cpis.audit.Audit;
import org.cpis.audit.AuditEntry;
import org.cpis.identity.Actor;
import org.cpis.identity.PersonNotNamedException;
import org.cpis.identity.Role;
import org.cpis.organisations.CareSettingType;
import org.cpis.organisations.Organisation;
import org.cpis.organisations.Organisations;
import org.cpis.records.RecordsPurged;
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

    private final Organisations organisations;
    private final AccessRepository accesses;
    private final Audit audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;

    LookupService(
            Organisations organisations,
            AccessRepository accesses,
            Audit audit,
            ApplicationEventPublisher events,
            Clock clock,
            PlatformTransactionManager transactionManager,
            MeterRegistry meters) {
        this.meters = meters;
        this.transactions = new TransactionTemplate(transactionManager);
        this.organisations = organisations;
        this.accesses = accesses;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

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
        if (unscheduled && !actor.namesPerson()) {
            refuseUnnamed(request);
        }
        // A silent FHIR read is the one statement of readAndRecord, committed on its own: the read, the access and
        // the audit entry still share one transaction, in one round trip. The clinician's page also reads the
        // previous accesses, and an unscheduled access also notifies the LA, so those run in a transaction.
        LookupResult result = !unscheduled && request.channel() == LookupRequest.Channel.FHIR
                ? lookup(request, setting, false)
                : transactions.execute(status -> lookup(request, setting, unscheduled));
        // Operators' metrics (docs/operations.md): counted once the lookup and its audit entry are committed.
        meters.counter(
                        "cpis.lookups",
                        "outcome",
                        result.found() ? "found" : "not_found",
                        "access",
                        unscheduled ? "unscheduled" : "scheduled",
                        "channel",
                        request.channel().name())
                .increment();
        return result;
    }

    private LookupResult lookup(LookupRequest request, CareSettingType setting, boolean unscheduled) {
        Actor actor = request.actor();
        Instant now = Instant.now(clock);
        LocalDate today = EnglandDate.today(clock);
        // The clinician's page shows the previous accesses with the alert (not counting this one); a FHIR client
        // asks for them separately (AuditEvent search), so a CareTeam search does not read them.
        List<Access> previous = request.channel() == LookupRequest.Channel.WEB
                ? accesses.recentUnscheduled(request.nhsNumber())
                : List.of();
        AccessRepository.Recorded recorded = accesses.readAndRecord(
                request.nhsNumber(),
                today,
                now,
                actor,
                setting,
                unscheduled,
                request.channel(),
                request.traceId(),
                audit.subjectHash(request.nhsNumber()));
        if (recorded.found().isEmpty()) {
            return new LookupResult(List.of(), List.of(), unscheduled);
        }
        if (unscheduled) {
            notifyLocalAuthorities(request, setting, recorded, now);
        }
        List<LookupResult.Alert> alerts = recorded.found().stream()
                .map(r -> new LookupResult.Alert(
                        r, organisations.localAuthority(r.localAuthority()).orElse(null)))
                .toList();
        return new LookupResult(alerts, previous, unscheduled);
    }

    /** Each LA holding a plan is told of the access in this same transaction (spec section 5). */
    private void notifyLocalAuthorities(
            LookupRequest request, CareSettingType setting, AccessRepository.Recorded recorded, Instant now) {
        Actor actor = request.actor();
        events.publishEvent(new UnscheduledAccessRecorded(
                recorded.accessId(),
                request.nhsNumber(),
                recorded.found(),
                now,
                actor.displayName(),
                actor.role().name(),
                actor.organisation(),
                actor.organisationName(),
                setting,
                request.traceId()));
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

    /** Audited as a refused lookup (by the system, which is all that is known), then refused with a 403. */
    private void refuseUnnamed(LookupRequest request) {
        Actor actor = request.actor();
        transactions.executeWithoutResult(status -> audit.record(new AuditEntry(
                actor.id(),
                actor.role().name(),
                actor.organisation().value(),
                "LOOKUP_" + request.channel().name(),
                request.nhsNumber(),
                null,
                "DENIED",
                request.traceId(),
                "no person named")));
        throw new PersonNotNamedException(UNNAMED);
    }

    static final String UNNAMED = "An unscheduled lookup must name the person looking: send the clinician's own"
            + " (user-restricted) token, or name the end user with NHSD-Session-UUID (docs/api.md)";

    private static void requireLookupRole(Actor actor) {
        if (!Lookup.mayLookUp(actor)) {
            throw new AccessDeniedException("this role may not look up CP-IS records");
        }
    }
}
