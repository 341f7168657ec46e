package org.cpis.identity;

import java.util.List;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;

/**
 * OpenID Connect sign-in (NHS CIS2 for health staff, an LA's own identity provider): the provider proves who the
 * person is; their cpis role and organisation come from the person record an administrator made for that issuer and
 * subject. Someone the hub does not know is refused, however valid their provider's token.
 */
@Component
class OidcPersonService extends OidcUserService {

    private final IdentityService identities;

    OidcPersonService(IdentityService identities) {
        this.identities = identities;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) throws OAuth2AuthenticationException {
        OidcUser user = super.loadUser(request);
        String issuer = user.getIssuer() == null ? "" : user.getIssuer().toString();
        Actor actor = identities
                .oidcPerson(issuer, user.getSubject())
                .orElseThrow(() -> new OAuth2AuthenticationException(
                        new OAuth2Error("unknown_person", "This person has no cpis account", null)));
        return new OidcPerson(user, actor);
    }

    static final class OidcPerson extends DefaultOidcUser implements Actor.HasActor {

        private final Actor actor;

        OidcPerson(OidcUser user, Actor actor) {
            super(List.of(new SimpleGrantedAuthority(actor.role().authority())), user.getIdToken(), user.getUserInfo());
            this.actor = actor;
        }

        @Override
        public Actor actor() {
            return actor;
        }

        @Override
        public String getName() {
            return actor.id();
        }
    }
}
