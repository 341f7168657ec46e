package org.cpis.identity;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * The hub's tokens are self-contained signed JWTs granted by client credentials, so no authorization is stored when
 * one is issued (that would only grow a table by one row per token). Revocation (RFC 7009, {@code POST /oauth2/revoke})
 * still works: the token presented is verified with the hub's own key and read back as the authorization it was, and
 * when the authorization server saves it invalidated, its JWT id is recorded as revoked ({@link IdentityStatus}),
 * which every API request checks. Tokens that do not verify, or have expired, are unknown, and revoking them answers
 * 200 as RFC 7009 says.
 */
class RevocableAuthorizationService implements OAuth2AuthorizationService {

    private final JwtDecoder hubTokens;
    private final RegisteredClientRepository clients;
    private final IdentityStatus status;

    RevocableAuthorizationService(JwtDecoder hubTokens, RegisteredClientRepository clients, IdentityStatus status) {
        this.hubTokens = hubTokens;
        this.clients = clients;
        this.status = status;
    }

    @Override
    public void save(OAuth2Authorization authorization) {
        if (!authorization.getAuthorizationGrantType().equals(AuthorizationGrantType.CLIENT_CREDENTIALS)) {
            throw new UnsupportedOperationException("only the client-credentials grant is offered");
        }
        OAuth2Authorization.Token<OAuth2AccessToken> access = authorization.getAccessToken();
        if (access != null && access.isInvalidated() && access.getToken().getExpiresAt() != null) {
            status.revoke(
                    authorization.getId(),
                    authorization.getPrincipalName(),
                    access.getToken().getExpiresAt());
        }
    }

    @Override
    public void remove(OAuth2Authorization authorization) {}

    @Override
    public OAuth2Authorization findById(String id) {
        return null;
    }

    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        if (tokenType != null && !OAuth2TokenType.ACCESS_TOKEN.equals(tokenType)) {
            return null;
        }
        Jwt jwt;
        try {
            jwt = hubTokens.decode(token);
        } catch (JwtException e) {
            return null;
        }
        RegisteredClient client = jwt.getSubject() == null ? null : clients.findByClientId(jwt.getSubject());
        if (jwt.getId() == null || client == null) {
            return null;
        }
        return OAuth2Authorization.withRegisteredClient(client)
                .id(jwt.getId())
                .principalName(jwt.getSubject())
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .token(new OAuth2AccessToken(
                        OAuth2AccessToken.TokenType.BEARER, token, jwt.getIssuedAt(), jwt.getExpiresAt()))
                .build();
    }
}
