package org.cpis.identity;

import java.util.Optional;
import org.cpis.shared.InvalidIdentifierException;
import org.cpis.shared.OdsCode;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * Turns a validated bearer token into the calling system's {@link Actor}. A token without a system role, or bound to
 * an organisation that is not registered for that role, authenticates nobody.
 */
class JwtActorConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    private final IdentityService identities;
    private final IdentityProperties properties;
    private final IdentityStatus status;
    private final UserTokens userTokens;

    JwtActorConverter(
            IdentityService identities, IdentityProperties properties, IdentityStatus status, UserTokens userTokens) {
        this.identities = identities;
        this.properties = properties;
        this.status = status;
        this.userTokens = userTokens;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        if (userTokens.isUserToken(jwt)) {
            return new ActorAuthenticationToken(userTokens.actor(jwt), jwt);
        }
        Role role = parse(jwt.getClaimAsString(properties.roleClaim()));
        if (role == null || !role.system()) {
            throw new InvalidBearerTokenException("token does not carry a cpis system role");
        }
        OdsCode organisation;
        try {
            organisation = OdsCode.of(jwt.getClaimAsString(properties.organisationClaim()));
        } catch (InvalidIdentifierException e) {
            throw new InvalidBearerTokenException("token does not carry a valid organisation");
        }
        requireStillValid(jwt);
        String name = Optional.ofNullable(jwt.getClaimAsString(properties.nameClaim()))
                .orElse(jwt.getSubject());
        Actor actor = identities
                .actor(jwt.getSubject(), name, role, organisation)
                .orElseThrow(
                        () -> new InvalidBearerTokenException("token's organisation is not registered for its role"));
        return new ActorAuthenticationToken(actor, jwt);
    }

    /**
     * A verified token may since have been revoked, or its client disabled: both are checked on every request (within
     * {@code cpis.security.status-check}), outside the cache of verified signatures.
     */
    private void requireStillValid(Jwt jwt) {
        if (jwt.getId() != null && status.revoked(jwt.getId())) {
            throw new InvalidBearerTokenException("token has been revoked");
        }
        String client = jwt.getSubject();
        boolean builtIn = properties.externalTokenIssuer() == null;
        if (client == null || (builtIn ? !status.clientActive(client) : status.clientDisabled(client))) {
            throw new InvalidBearerTokenException("token's client is not enabled");
        }
    }

    private static Role parse(String value) {
        try {
            return value == null ? null : Role.valueOf(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
