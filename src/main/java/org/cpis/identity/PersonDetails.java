package org.cpis.identity;

import java.util.List;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

/** A person signed in with the local form login. */
class PersonDetails extends User implements Actor.HasActor {

    private final Actor actor;

    PersonDetails(Actor actor, String passwordHash, boolean enabled, boolean locked) {
        super(
                actor.id(),
                passwordHash == null ? "" : passwordHash,
                enabled,
                true,
                true,
                !locked,
                List.of(new SimpleGrantedAuthority(actor.role().authority())));
        this.actor = actor;
    }

    @Override
    public Actor actor() {
        return actor;
    }
}
