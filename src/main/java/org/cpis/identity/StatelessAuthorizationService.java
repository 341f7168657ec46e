package org.cpis.identity;

import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * The hub's tokens are self-contained signed JWTs granted by client credentials, checked by signature and expiry
 * alone, so no authorization is kept: storing them would only grow memory (the in-memory default never forgets) or
 * a table, and would tie a token to the node that issued it. Introspection and revocation are therefore not offered.
 */
class StatelessAuthorizationService implements OAuth2AuthorizationService {

    @Override
    public void save(OAuth2Authorization authorization) {
        if (!authorization.getAuthorizationGrantType().getValue().equals("client_credentials")) {
            throw new UnsupportedOperationException("only the client-credentials grant is offered");
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
        return null;
    }
}
