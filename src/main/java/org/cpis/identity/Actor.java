package org.cpis.identity;

import java.io.Serializable;
import java.util.Optional;
import org.cpis.shared.OdsCode;
import org.springframework.security.core.Authentication;

/**
 * Who is acting: a signed-in person or an API client, with the one role and organisation it is bound to. This is what
 * the audit trail records and what every access rule is decided on.
 *
 * @param id the person's username or the API client's id
 * @param via for a person acting through an API client (a user-restricted token, or a system token naming its end
 *     user in request headers): that client's id; null otherwise
 */
public record Actor(String id, String displayName, Role role, OdsCode organisation, String organisationName, String via)
        // Held by the signed-in person's session, which lives in PostgreSQL (serialised) so that every node reads it.
        implements Serializable {

    public Actor(String id, String displayName, Role role, OdsCode organisation, String organisationName) {
        this(id, displayName, role, organisation, organisationName, null);
    }

    public boolean system() {
        return role.system();
    }

    /** Whether a person is named: someone signed in, or a person acting through an API client. */
    public boolean namesPerson() {
        return !role.system();
    }

    public boolean hasRole(Role first, Role... others) {
        if (role == first) {
            return true;
        }
        for (Role other : others) {
            if (role == other) {
                return true;
            }
        }
        return false;
    }

    /** The actor behind an authentication the hub issued, or empty for anonymous or foreign authentications. */
    public static Optional<Actor> from(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()) {
            return Optional.empty();
        }
        Object principal = authentication.getPrincipal();
        if (principal instanceof Actor actor) {
            return Optional.of(actor);
        }
        if (principal instanceof HasActor holder) {
            return Optional.of(holder.actor());
        }
        return Optional.empty();
    }

    /** Implemented by the principals of each sign-in route (form, OpenID Connect, bearer token). */
    public interface HasActor {
        Actor actor();
    }
}
