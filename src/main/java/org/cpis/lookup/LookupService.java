package org.cpis.lookup;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
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
import org.springframework.transaction.annotation.Transactional;

@Service
class LookupService implements Lookup {

    private final Records records;
    private final Organisations organisations;
    private final AccessRepository accesses;
    private final Audit audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    LookupService(
            Records records,
            Organisations organisations,
            AccessRepository accesses,
            Audit audit,
            ApplicationEventPublisher events,
            Clock clock) {
        this.records = records;
        this.organisations = organisations;
        this.accesses = accesses;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    @Override
    @Transactional
    public LookupResult lookup(LookupRequest request) {
        Actor actor = request.actor();
        requireLookupRole(actor);
        Instant now = Instant.now(clock);
        LocalDate today = EnglandDate.today(clock);
        List<VisibleRecord> found = records.visible(request.nhsNumber(), today);
        if (request.confirmDateOfBirth() != null) {
            found = found.stream()
                    .filter(r -> r.dateOfBirth().equals(request.confirmDateOfBirth()))
                    .toList();
        }
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
        if (found.isEmpty()) {
            audit(request, "NOT_FOUND", "unscheduled=" + unscheduled);
            return new LookupResult(List.of(), List.of(), unscheduled);
        }
        // The clinician's page shows the previous accesses with the alert; a FHIR client asks for them separately
        // (AuditEvent search), so a CareTeam search does not read them.
        List<Access> previous = request.channel() == LookupRequest.Channel.WEB
                ? accesses.recentUnscheduled(request.nhsNumber())
                : List.of();
        long accessId = accesses.insert(
                request.nhsNumber(),
                now,
                actor.id(),
                actor.displayName(),
                actor.role().name(),
                actor.organisation(),
                actor.organisationName(),
                setting,
                unscheduled,
                request.channel(),
                request.traceId());
        if (unscheduled) {
            events.publishEvent(new UnscheduledAccessRecorded(
                    accessId,
                    request.nhsNumber(),
                    found,
                    now,
                    actor.displayName(),
                    actor.role().name(),
                    actor.organisation(),
                    actor.organisationName(),
                    setting,
                    request.traceId()));
        }
        audit(request, "FOUND", "records=" + found.size() + " unscheduled=" + unscheduled + " access=" + accessId);
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
        Actor actor = request.actor();
        audit.record(new AuditEntry(
                actor.id(),
                actor.role().name(),
                actor.organisation().value(),
                "LOOKUP_" + request.channel().name(),
                request.nhsNumber(),
                null,
                outcome,
                request.traceId(),
                detail));
    }
}
