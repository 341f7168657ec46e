package org.cpis.identity;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param externalTokenIssuer production: an external OAuth 2.0 issuer whose bearer tokens the API accepts instead of
 *     the hub's own authorization server (which is then switched off)
 * @param roleClaim the token claim that carries the cpis role
 * @param organisationClaim the token claim that carries the ODS code the identity is bound to
 * @param signingKey PEM-encoded RSA private key (PKCS#8) for the built-in issuer; from the environment only. Without
 *     it a key is generated at start-up and tokens do not survive a restart
 * @param accessTokenTtl lifetime of tokens the built-in issuer grants
 */
@ConfigurationProperties("cpis.identity")
record IdentityProperties(
        URI externalTokenIssuer,
        @DefaultValue("cpis_role") String roleClaim,
        @DefaultValue("cpis_org") String organisationClaim,
        @DefaultValue("cpis_name") String nameClaim,
        String signingKey,
        @DefaultValue("15m") Duration accessTokenTtl,
        @DefaultValue Demo demo,
        List<UserTokenIssuer> userTokenIssuers) {

    IdentityProperties {
        userTokenIssuers = userTokenIssuers == null ? List.of() : List.copyOf(userTokenIssuers);
    }

    /**
     * An external OpenID Connect issuer (NHS CIS2, a trust's own provider) whose user-restricted tokens the API
     * accepts: the clinician's own token, verified against the issuer's published keys (JWKS), its claims mapped to
     * the person, their role and organisation (docs/api.md, "Naming the person").
     *
     * @param issuerUri the tokens' {@code iss}; its {@code /.well-known/openid-configuration} names the JWKS
     * @param jwkSetUri the keys, if not to be discovered from the issuer
     * @param audience if set, tokens must name it in {@code aud}
     * @param personClaim the person's identifier (CIS2: {@code sub}, the user's UUID)
     * @param nameClaim the person's name
     * @param rolesClaim CIS2's {@code nhsid_nrbac_roles}: the person's role profiles, each with {@link #roleIdField},
     *     {@link #roleOrganisationField} and {@link #roleCodeField}; the one named by {@code NHSD-Session-URID} (or
     *     {@link #selectedRoleClaim}, or the only one) is used
     * @param organisationClaim for an issuer without role profiles: the claim carrying the person's ODS code
     * @param roleCodes national RBAC role codes mapped to cpis roles; an unmapped person gets the clinician role of
     *     their organisation's care setting (unscheduled or scheduled)
     */
    record UserTokenIssuer(
            URI issuerUri,
            URI jwkSetUri,
            String audience,
            @DefaultValue("sub") String personClaim,
            @DefaultValue("name") String nameClaim,
            @DefaultValue("nhsid_nrbac_roles") String rolesClaim,
            @DefaultValue("person_roleid") String roleIdField,
            @DefaultValue("org_code") String roleOrganisationField,
            @DefaultValue("role_code") String roleCodeField,
            @DefaultValue("selected_roleid") String selectedRoleClaim,
            String organisationClaim,
            Map<String, Role> roleCodes) {

        public UserTokenIssuer {
            roleCodes = roleCodes == null ? Map.of() : Map.copyOf(roleCodes);
        }
    }

    /**
     * @param enabled create the demo people and API clients of the embedded default
     * @param password the demo people's password; documented in the README, demo only
     * @param clientSecret the demo API clients' secret; documented in the README, demo only
     */
    record Demo(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("demo-password") String password,
            @DefaultValue("demo-secret") String clientSecret) {}
}
