package org.cpis.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.cpis.shared.OdsCode;

/**
 * The administrator's management of people and API clients. Each method joins the caller's transaction, so the
 * caller's audit entry commits with the change; a request that cannot be applied throws {@link Refused} and changes
 * nothing.
 */
public interface IdentityAdministration {

    record PersonSummary(
            String username,
            String displayName,
            String email,
            Role role,
            OdsCode organisation,
            boolean enabled,
            String oidcIssuer,
            String oidcSubject,
            Instant lastSignedInAt) {}

    record PersonPage(List<PersonSummary> items, long total) {}

    /** @param password null for a person who signs in only through OpenID Connect */
    record NewPerson(
            String username,
            String displayName,
            String email,
            Role role,
            OdsCode organisation,
            String password,
            String oidcIssuer,
            String oidcSubject) {}

    /** @param oidcIssuer with oidcSubject: both or neither */
    record PersonChange(
            String displayName,
            String email,
            Role role,
            OdsCode organisation,
            boolean enabled,
            String oidcIssuer,
            String oidcSubject) {}

    record ApiClientSummary(
            String clientId,
            String name,
            Role role,
            OdsCode organisation,
            boolean enabled,
            Instant createdAt,
            Instant secretRotatedAt,
            Instant previousSecretExpiresAt,
            Instant revokedAt) {}

    /** Why a request was not applied, and which form field it concerns. */
    final class Refused extends RuntimeException {
        private final String field;

        public Refused(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    PersonPage people(String query, int page, int pageSize);

    Optional<PersonSummary> person(String username);

    void createPerson(NewPerson person);

    /** @throws Refused if the person does not exist, or the change is not allowed */
    void changePerson(String username, PersonChange change);

    List<ApiClientSummary> clients();

    Optional<ApiClientSummary> client(String clientId);

    /** @return the new client's secret, to be shown once: only its hash is kept */
    String createClient(String clientId, String name, Role role, OdsCode organisation);

    /** A new secret; the previous one keeps working for {@code overlap}. @return the new secret, shown once */
    String rotateSecret(String clientId, Duration overlap);

    /** Refuses the client's secrets and every token it holds from now on. False if already revoked or none. */
    boolean revokeClient(String clientId);
}
