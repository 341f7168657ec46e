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
    private final ClientRevocations revocations;

    JwtActorConverter(IdentityService identities, IdentityProperties properties, ClientRevocations revocations) {
        this.identities = identities;
        this.properties = properties;
        this.revocations = revocations;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        Role role = parse(jwt.getClaimAsString(properties.roleClaim()));
        if (role == null || !role.system()) {
            throw new InvalidBearerTokenException("token does not carry a cpis system role");
        }
        if (revocations.revoked(jwt.getSubject())) {
            throw new InvalidBearerTokenException("the API client has been revoked");
        }
        OdsCode organisation;
        try {
            organisation = OdsCode.of(jwt.getClaimAsString(properties.organisationClaim()));
        } catch (InvalidIdentifierException e) {
            throw new InvalidBearerTokenException("token does not carry a valid organisation");
        }
        String name = Optional.ofNullable(jwt.getClaimAsString(properties.nameClaim()))
                .orElse(jwt.getSubject());
        Actor actor = identities
                .actor(jwt.getSubject(), name, role, organisation)
                .orElseThrow(
                        () -> new InvalidBearerTokenException("token's organisation is not registered for its role"));
        return new ActorAuthenticationToken(actor, jwt);
    }

    private static Role parse(String value) {
        try {
            return value == null ? null : Role.valueOf(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
