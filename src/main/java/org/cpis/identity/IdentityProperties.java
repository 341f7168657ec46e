package org.cpis.identity;

import java.net.URI;
import java.time.Duration;
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
        @DefaultValue Demo demo) {

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
