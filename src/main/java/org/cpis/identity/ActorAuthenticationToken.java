package org.cpis.identity;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/** An API call made with a valid bearer token, whose principal is the client's {@link Actor}. */
class ActorAuthenticationToken extends AbstractAuthenticationToken {

    private final Actor actor;
    private final Jwt jwt;

    ActorAuthenticationToken(Actor actor, Jwt jwt) {
        super(List.of(new SimpleGrantedAuthority(actor.role().authority())));
        this.actor = actor;
        this.jwt = jwt;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return jwt;
    }

    @Override
    public Object getPrincipal() {
        return actor;
    }

    @Override
    public String getName() {
        return actor.id();
    }
}
