package org.cpis.admin;

import java.io.Reader;
import java.time.Clock;
import java.time.Duration;
import org.cpis.audit.Audit;
import org.cpis.audit.AuditEntry;
import org.cpis.identity.Actor;
import org.cpis.identity.IdentityAdministration;
import org.cpis.identity.IdentityAdministration.NewPerson;
import org.cpis.identity.IdentityAdministration.PersonChange;
import org.cpis.identity.Role;
import org.cpis.organisations.ImportResult;
import org.cpis.organisations.Organisations;
import org.cpis.organisations.RegistryEntry;
import org.cpis.shared.EnglandDate;
import org.cpis.shared.OdsCode;
import org.cpis.shared.web.TraceIdFilter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Every administrative change, with its audit entry in the same transaction: no change without its entry. */
@Service
class AdminService {

    private final Organisations organisations;
    private final IdentityAdministration identities;
    private final Audit audit;
    private final Clock clock;

    AdminService(Organisations organisations, IdentityAdministration identities, Audit audit, Clock clock) {
        this.organisations = organisations;
        this.identities = identities;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    boolean createOrganisation(Actor actor, RegistryEntry entry) {
        boolean created = organisations.create(entry);
        if (created) {
            record(actor, "ORGANISATION_CREATED", entry.odsCode().value(), "kind=" + entry.kind());
        }
        return created;
    }

    @Transactional
    boolean updateOrganisation(Actor actor, RegistryEntry entry) {
        boolean updated = organisations.update(entry);
        if (updated) {
            record(actor, "ORGANISATION_UPDATED", entry.odsCode().value(), "kind=" + entry.kind());
        }
        return updated;
    }

    @Transactional
    boolean setActive(Actor actor, OdsCode ods, boolean active) {
        boolean changed = organisations.setActive(ods, active);
        if (changed) {
            record(actor, active ? "ORGANISATION_REACTIVATED" : "ORGANISATION_DEACTIVATED", ods.value(), null);
        }
        return changed;
    }

    /** A refused file is audited too, as refused: it changed nothing. */
    @Transactional
    ImportResult importRegistry(Actor actor, RegistryImportForm.Kind kind, Reader csv) {
        ImportResult result = switch (kind) {
            case LOCAL_AUTHORITIES -> organisations.importLocalAuthorities(csv);
            case CARE_SETTINGS -> organisations.importCareSettings(csv);
        };
        audit.record(entry(
                actor,
                "REGISTRY_IMPORTED",
                kind.name(),
                result.accepted() ? "ACCEPTED" : "REFUSED",
                "rows=" + result.rows() + " problems=" + result.problems().size()));
        return result;
    }

    @Transactional
    void createPerson(Actor actor, NewPerson person) {
        identities.createPerson(person);
        record(
                actor,
                "PERSON_CREATED",
                person.username(),
                "role=" + person.role() + " org=" + person.organisation().value() + " oidc="
                        + (person.oidcIssuer() != null));
    }

    @Transactional
    void changePerson(Actor actor, String username, PersonChange change) {
        identities.changePerson(username, change);
        record(
                actor,
                "PERSON_UPDATED",
                username,
                "role=" + change.role() + " org=" + change.organisation().value() + " enabled=" + change.enabled()
                        + " oidc=" + (change.oidcIssuer() != null));
    }

    @Transactional
    String createClient(Actor actor, String clientId, String name, Role role, OdsCode org) {
        String secret = identities.createClient(clientId, name, role, org);
        record(actor, "API_CLIENT_CREATED", clientId, "role=" + role + " org=" + org.value());
        return secret;
    }

    @Transactional
    String rotateSecret(Actor actor, String clientId, Duration overlap) {
        String secret = identities.rotateSecret(clientId, overlap);
        record(actor, "API_CLIENT_SECRET_ROTATED", clientId, "overlap=" + overlap);
        return secret;
    }

    @Transactional
    boolean revokeClient(Actor actor, String clientId) {
        boolean revoked = identities.revokeClient(clientId);
        if (revoked) {
            record(actor, "API_CLIENT_REVOKED", clientId, null);
        }
        return revoked;
    }

    /** The LA data manager's own authority only: the actor's organisation, never one from the request. */
    @Transactional
    boolean updateContacts(Actor actor, ContactsForm form) {
        boolean updated = organisations.updateContacts(
                actor.organisation(),
                form.emergencyDutyPhone(),
                form.officeHoursPhone(),
                form.dutyTeamEmail(),
                EnglandDate.today(clock));
        if (updated) {
            record(actor, "LA_CONTACTS_UPDATED", actor.organisation().value(), null);
        }
        return updated;
    }

    private void record(Actor actor, String action, String ref, String detail) {
        audit.record(entry(actor, action, ref, "DONE", detail));
    }

    private static AuditEntry entry(Actor actor, String action, String ref, String outcome, String detail) {
        return new AuditEntry(
                actor.id(),
                actor.role().name(),
                actor.organisation().value(),
                action,
                null,
                ref,
                outcome,
                TraceIdFilter.current(),
                detail);
    }
}
