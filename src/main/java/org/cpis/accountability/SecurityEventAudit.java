package org.cpis.accountability;

import jakarta.servlet.http.HttpServletRequest;
import java.util.function.Supplier;
import org.cpis.audit.Audit;
import org.cpis.audit.AuditEntry;
import org.cpis.identity.Actor;
import org.cpis.identity.TokenIssued;
import org.cpis.shared.web.TraceIdFilter;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authorization.AuthorizationEventPublisher;
import org.springframework.security.authorization.SpringAuthorizationEventPublisher;
import org.springframework.security.authorization.event.AuthorizationDeniedEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.authentication.OAuth2LoginAuthenticationToken;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Security events into the audit trail, from Spring Security's own events: sign-in (form or OpenID Connect), failed
 * sign-in, access denied to a signed-in person or system, and tokens the built-in issuer grants. Each is its own
 * transaction; no password, token or request value is written, only who, what and the path's route.
 */
@Configuration(proxyBeanMethods = false)
class SecurityEventAudit {

    private static final String NONE = "NONE";
    private static final String UNKNOWN_ORG = "-";

    private final Audit audit;
    private final TransactionTemplate transactions;

    SecurityEventAudit(Audit audit, TransactionTemplate transactions) {
        this.audit = audit;
        this.transactions = transactions;
    }

    /** Makes the authorization filters publish their denials (Spring Security publishes none without it). */
    @Bean
    AuthorizationEventPublisher authorizationEventPublisher(ApplicationEventPublisher publisher) {
        return new SpringAuthorizationEventPublisher(publisher);
    }

    @EventListener
    void signedIn(AuthenticationSuccessEvent event) {
        Authentication auth = event.getAuthentication();
        // Bearer-token requests authenticate on every call; those are not sign-ins.
        if (!(auth instanceof UsernamePasswordAuthenticationToken)
                && !(auth instanceof OAuth2LoginAuthenticationToken)
                && !(auth instanceof OAuth2AuthenticationToken)) {
            return;
        }
        Actor.from(auth).ifPresent(actor -> record(actor, "SIGN_IN", "SUCCESS", null));
    }

    @EventListener
    void signInFailed(AbstractAuthenticationFailureEvent event) {
        Authentication attempt = event.getAuthentication();
        String kind = event.getException().getClass().getSimpleName();
        if (attempt instanceof UsernamePasswordAuthenticationToken) {
            String username = String.valueOf(attempt.getPrincipal());
            String id = username.length() > 100 ? username.substring(0, 100) : username;
            write(() -> new AuditEntry(
                    id, NONE, UNKNOWN_ORG, "SIGN_IN_FAILED", null, null, "FAILURE", TraceIdFilter.current(), kind));
        } else {
            write(() -> new AuditEntry(
                    "unknown",
                    NONE,
                    UNKNOWN_ORG,
                    "AUTHENTICATION_FAILED",
                    null,
                    null,
                    "FAILURE",
                    TraceIdFilter.current(),
                    kind));
        }
    }

    @EventListener
    void denied(AuthorizationDeniedEvent<?> event) {
        Authentication auth = event.getAuthentication().get();
        // Someone not signed in is sent to sign in, not denied: only known identities' refusals are security events.
        Actor.from(auth).ifPresent(actor -> record(actor, "ACCESS_DENIED", "DENIED", route(event.getSource())));
    }

    @EventListener
    void tokenIssued(TokenIssued token) {
        write(() -> new AuditEntry(
                token.clientId(),
                token.role() == null ? NONE : token.role(),
                token.organisation() == null ? UNKNOWN_ORG : token.organisation(),
                "TOKEN_ISSUED",
                null,
                null,
                "SUCCESS",
                TraceIdFilter.current(),
                null));
    }

    private void record(Actor actor, String action, String outcome, String ref) {
        write(() -> new AuditEntry(
                actor.id(),
                actor.role().name(),
                actor.organisation().value(),
                action,
                null,
                ref,
                outcome,
                TraceIdFilter.current(),
                actor.via() == null ? null : "via=" + actor.via()));
    }

    private void write(Supplier<AuditEntry> entry) {
        transactions.executeWithoutResult(status -> audit.record(entry.get()));
    }

    /** The method and path, never the query string (which may carry values). */
    private static String route(Object source) {
        if (source instanceof HttpServletRequest request) {
            String path = request.getRequestURI();
            String line = request.getMethod() + " " + path;
            return line.length() > 100 ? line.substring(0, 100) : line;
        }
        return null;
    }
}
