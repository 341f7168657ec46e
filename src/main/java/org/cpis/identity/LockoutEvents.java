package org.cpis.identity;

import java.util.Locale;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Feeds {@link Lockouts} from Spring Security's authentication events: a wrong password on the sign-in form, a wrong
 * secret at the token or revocation endpoint, and their successes. Bearer-token requests are not sign-ins and are
 * ignored; names that are no person or client are not counted.
 */
@Component
class LockoutEvents {

    private final Lockouts lockouts;
    private final PersonRepository people;
    private final ApiClientRepository clients;

    LockoutEvents(Lockouts lockouts, PersonRepository people, ApiClientRepository clients) {
        this.lockouts = lockouts;
        this.people = people;
        this.clients = clients;
    }

    @EventListener
    void failed(AuthenticationFailureBadCredentialsEvent event) {
        Authentication attempt = event.getAuthentication();
        if (attempt instanceof UsernamePasswordAuthenticationToken && attempt.getName() != null) {
            people.byUsername(attempt.getName().trim().toLowerCase(Locale.ROOT))
                    .filter(p -> p.enabled() && p.passwordHash() != null)
                    .filter(p -> !lockouts.locked(Lockouts.Kind.PERSON, p.username()))
                    .ifPresent(p -> lockouts.failed(
                            Lockouts.Kind.PERSON,
                            p.username(),
                            p.role().name(),
                            p.organisation().value()));
        } else if (attempt instanceof OAuth2ClientAuthenticationToken client && client.getName() != null) {
            clients.byClientId(client.getName())
                    .filter(ApiClientRepository.ApiClientRow::enabled)
                    .filter(c -> !lockouts.locked(Lockouts.Kind.CLIENT, c.clientId()))
                    .ifPresent(c -> lockouts.failed(
                            Lockouts.Kind.CLIENT,
                            c.clientId(),
                            c.role().name(),
                            c.organisation().value()));
        }
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        Authentication success = event.getAuthentication();
        if (success instanceof UsernamePasswordAuthenticationToken) {
            Actor.from(success).ifPresent(actor -> lockouts.succeeded(Lockouts.Kind.PERSON, actor.id()));
        } else if (success instanceof OAuth2ClientAuthenticationToken client && client.getRegisteredClient() != null) {
            lockouts.succeeded(
                    Lockouts.Kind.CLIENT, client.getRegisteredClient().getClientId());
        }
    }
}
