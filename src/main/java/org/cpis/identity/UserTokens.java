package org.cpis.identity;

import com.nimbusds.jwt.JWTParser;
import jakarta.servlet.http.HttpServletRequest;
import java.text.ParseException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.cpis.shared.InvalidIdentifierException;
import org.cpis.shared.OdsCode;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * User-restricted tokens: a clinician's own token from a configured external OpenID Connect issuer (NHS CIS2, a
 * trust's provider), verified against the issuer's published keys, and its claims mapped to the person acting.
 */
final class UserTokens {

    private final Map<String, IdentityProperties.UserTokenIssuer> issuers = new LinkedHashMap<>();
    private final Map<String, JwtDecoder> decoders = new LinkedHashMap<>();
    private final EndUserHeaders endUsers;
    private final IdentityService identities;

    UserTokens(IdentityProperties properties, Clock clock, EndUserHeaders endUsers, IdentityService identities) {
        this.endUsers = endUsers;
        this.identities = identities;
        for (IdentityProperties.UserTokenIssuer issuer : properties.userTokenIssuers()) {
            String iss = issuer.issuerUri().toString();
            issuers.put(iss, issuer);
            decoders.put(iss, new SupplierJwtDecoder(() -> decoder(issuer, clock)));
        }
    }

    /** Keys fetched at the first token, so the hub starts while the issuer is unreachable. */
    private static JwtDecoder decoder(IdentityProperties.UserTokenIssuer issuer, Clock clock) {
        NimbusJwtDecoder decoder = issuer.jwkSetUri() != null
                ? NimbusJwtDecoder.withJwkSetUri(issuer.jwkSetUri().toString()).build()
                : NimbusJwtDecoder.withIssuerLocation(issuer.issuerUri().toString())
                        .build();
        JwtTimestampValidator timestamps = new JwtTimestampValidator();
        timestamps.setClock(clock);
        List<OAuth2TokenValidator<Jwt>> validators = new java.util.ArrayList<>(
                List.of(timestamps, new JwtIssuerValidator(issuer.issuerUri().toString())));
        if (issuer.audience() != null && !issuer.audience().isBlank()) {
            validators.add(
                    new JwtClaimValidator<List<String>>("aud", aud -> aud != null && aud.contains(issuer.audience())));
        }
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        return decoder;
    }

    /** Sends a token to its issuer's decoder if it is a configured user-token issuer's, else to the hub's own. */
    JwtDecoder routing(JwtDecoder hub) {
        if (decoders.isEmpty()) {
            return hub;
        }
        return token -> {
            String iss;
            try {
                iss = JWTParser.parse(token).getJWTClaimsSet().getIssuer();
            } catch (ParseException e) {
                throw new BadJwtException("malformed token", e);
            }
            return decoders.getOrDefault(Objects.toString(iss, ""), hub).decode(token);
        };
    }

    boolean isUserToken(Jwt jwt) {
        // The claim as the decoder left it (a string): getIssuer() would build a URL on every request.
        String issuer = jwt.getClaimAsString(JwtClaimNames.ISS);
        return issuer != null && issuers.containsKey(issuer);
    }

    /** The person a verified user-restricted token names, in the role profile the request selects. */
    Actor actor(Jwt jwt) {
        IdentityProperties.UserTokenIssuer issuer = issuers.get(jwt.getClaimAsString(JwtClaimNames.ISS));
        String person = jwt.getClaimAsString(issuer.personClaim());
        if (person == null || person.isBlank() || person.length() > 100) {
            throw new InvalidBearerTokenException("token does not name a person");
        }
        String name =
                Optional.ofNullable(jwt.getClaimAsString(issuer.nameClaim())).orElse(person);
        RoleProfile profile = profile(issuer, jwt, selectedRoleId());
        OdsCode organisation;
        try {
            organisation = OdsCode.of(profile.organisation());
        } catch (InvalidIdentifierException | NullPointerException e) {
            throw new InvalidBearerTokenException("token does not carry a valid organisation");
        }
        Role role = Optional.ofNullable(issuer.roleCodes().get(Objects.toString(profile.roleCode(), "")))
                .orElseGet(() -> endUsers.clinicianRole(organisation));
        if (role.system()) {
            throw new InvalidBearerTokenException("a person cannot hold a system role");
        }
        String via = Optional.ofNullable(jwt.getClaimAsString("azp")).orElse(jwt.getClaimAsString("client_id"));
        return identities
                .actor(person, name, role, organisation)
                .map(a -> new Actor(a.id(), a.displayName(), a.role(), a.organisation(), a.organisationName(), via))
                .orElseThrow(
                        () -> new InvalidBearerTokenException("token's organisation is not registered for its role"));
    }

    record RoleProfile(String organisation, String roleCode) {}

    /** CIS2's role profiles: the one named by NHSD-Session-URID, else the token's selected one, else the only one. */
    private static RoleProfile profile(IdentityProperties.UserTokenIssuer issuer, Jwt jwt, String urid) {
        Object claim = jwt.getClaim(issuer.rolesClaim());
        if (!(claim instanceof List<?> profiles) || profiles.isEmpty()) {
            if (urid != null) {
                throw new InvalidBearerTokenException("NHSD-Session-URID is not one of the token's role profiles");
            }
            return new RoleProfile(
                    issuer.organisationClaim() == null ? null : jwt.getClaimAsString(issuer.organisationClaim()), null);
        }
        String wanted = urid != null ? urid : jwt.getClaimAsString(issuer.selectedRoleClaim());
        Map<?, ?> chosen = null;
        for (Object p : profiles) {
            if (p instanceof Map<?, ?> map
                    && (wanted == null
                            ? profiles.size() == 1
                            : wanted.equals(String.valueOf(map.get(issuer.roleIdField()))))) {
                chosen = map;
            }
        }
        if (chosen == null) {
            throw new InvalidBearerTokenException(
                    wanted == null
                            ? "token holds several role profiles: send NHSD-Session-URID"
                            : "NHSD-Session-URID is not one of the token's role profiles");
        }
        return new RoleProfile(
                Objects.toString(chosen.get(issuer.roleOrganisationField()), null),
                Objects.toString(chosen.get(issuer.roleCodeField()), null));
    }

    private static String selectedRoleId() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getHeader(EndUserHeaders.ROLE_ID);
        }
        return null;
    }
}
