package org.cpis.identity;

import jakarta.servlet.http.HttpServletRequest;
import java.util.function.Supplier;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * The last rule of each filter chain: an address that no module's rule allows is refused (deny by default) if a
 * controller serves it, but an address nothing serves is let through to its 404 for a signed-in caller, who is
 * better told "Page not found" than "no access". Anonymous callers are still sent to sign in.
 */
final class UnmappedAddresses implements AuthorizationManager<RequestAuthorizationContext> {

    private final RequestMappingHandlerMapping controllers;

    UnmappedAddresses(RequestMappingHandlerMapping controllers) {
        this.controllers = controllers;
    }

    @Override
    public AuthorizationResult authorize(
            Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
        Authentication caller = authentication.get();
        boolean signedIn = Actor.from(caller).isPresent();
        return new AuthorizationDecision(signedIn && !served(context.getRequest()));
    }

    private boolean served(HttpServletRequest request) {
        Object previous = request.getAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE);
        ServletRequestPathUtils.parseAndCache(request);
        try {
            HandlerExecutionChain handler = controllers.getHandler(request);
            return handler != null;
        } catch (Exception e) {
            return true; // served, but not this way (method, media type): refused like any address without a rule
        } finally {
            request.setAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE, previous);
        }
    }
}
