package org.cpis.audit;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.cpis.shared.NhsNumber;

/**
 * What privacy officers read from the trail (docs/api.md has nothing of it: pages only). Every query is narrowed by a
 * {@link Scope}; the caller decides the scope from who is asking, and audits the reading.
 */
public interface AuditReports {

    /** The most rows one report returns; a report that reaches it says so. */
    int MAX_ROWS = 10_000;

    /**
     * Which entries a privacy officer may see.
     *
     * @param everything the operator's privacy officer: all entries
     * @param actorOrganisation entries by people and systems of this organisation (a trust's own staff), or null
     * @param subjects entries about these people (the children an LA holds), or empty
     */
    record Scope(boolean everything, String actorOrganisation, Collection<NhsNumber> subjects) {

        public static Scope all() {
            return new Scope(true, null, List.of());
        }
    }

    /** One entry as a report shows it; the subject is never shown, only whether there is one. */
    record Entry(
            long id,
            Instant at,
            String actorId,
            String actorRole,
            String actorOrganisation,
            String action,
            boolean aboutAPerson,
            String outcome,
            String traceId,
            String detail) {}

    /** Entries about a child's record, by the organisation that made them. */
    record OrganisationCount(String actorOrganisation, long entries, long found, long people) {}

    /** Entries about one person in [from, to), oldest first. */
    List<Entry> aboutSubject(NhsNumber subject, Instant from, Instant to, Scope scope);

    /** Everything one person or system did in [from, to), oldest first. */
    List<Entry> byActor(String actorId, Instant from, Instant to, Scope scope);

    /** Entries about a child's record in [from, to), counted by the acting organisation. */
    List<OrganisationCount> byOrganisation(Instant from, Instant to, Scope scope);
}
