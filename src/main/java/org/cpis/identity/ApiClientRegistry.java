package org.cpis.identity;

import java.time.Clock;
import java.time.Duration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * The built-in authorization server's view of the API clients in {@code identity.api_client}: each may only use the
 * client-credentials grant, and carries its role and organisation into the token it is given.
 */
class ApiClientRegistry implements RegisteredClientRepository {

    static final String ROLE_SETTING = "cpis.role";
    static final String ORGANISATION_SETTING = "cpis.organisation";
    static final String NAME_SETTING = "cpis.name";

    private final ApiClientRepository clients;
    private final Duration tokenTtl;
    private final Lockouts lockouts;
    private final Clock clock;

    ApiClientRegistry(ApiClientRepository clients, Duration tokenTtl, Lockouts lockouts, Clock clock) {
        this.clients = clients;
        this.tokenTtl = tokenTtl;
        this.lockouts = lockouts;
        this.clock = clock;
    }

    /** The current secret's hash, and during a rotation's overlap the previous one's too (see {@link ClientSecrets}). */
    private String secretHashes(ApiClientRepository.ApiClientRow row) {
        if (row.previousSecretHash() != null && clock.instant().isBefore(row.previousSecretExpiresAt())) {
            return ClientSecrets.either(row.secretHash(), row.previousSecretHash());
        }
        return row.secretHash();
    }

    @Override
    public void save(RegisteredClient registeredClient) {
        throw new UnsupportedOperationException("API clients are registered by an administrator, not by OAuth");
    }

    @Override
    public RegisteredClient findById(String id) {
        return findByClientId(id);
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
        return clients.byClientId(clientId)
                .filter(ApiClientRepository.ApiClientRow::enabled)
                // A locked-out client is unknown: refused before its secret is checked.
                .filter(row -> !lockouts.locked(Lockouts.Kind.CLIENT, row.clientId()))
                .map(row -> RegisteredClient.withId(row.clientId())
                        .clientId(row.clientId())
                        .clientName(row.name())
                        .clientSecret(secretHashes(row))
                        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                        .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                        .clientSettings(ClientSettings.builder()
                                .setting(ROLE_SETTING, row.role().name())
                                .setting(
                                        ORGANISATION_SETTING, row.organisation().value())
                                .setting(NAME_SETTING, row.name())
                                .build())
                        .tokenSettings(TokenSettings.builder()
                                .accessTokenTimeToLive(tokenTtl)
                                .build())
                        .build())
                .orElse(null);
    }
}
