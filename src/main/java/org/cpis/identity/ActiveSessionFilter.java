package org.cpis.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends the session of a person who has since been disabled (or removed), on their next request: within
 * {@code cpis.security.status-check} of the change, not when the session would have timed out.
 */
final class ActiveSessionFilter extends OncePerRequestFilter {

    private final IdentityStatus status;
    private final SecurityContextLogoutHandler logout = new SecurityContextLogoutHandler();

    ActiveSessionFilter(IdentityStatus status) {
        this.status = status;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        Optional<Actor> person = Actor.from(authentication).filter(actor -> !actor.system());
        if (person.isPresent() && !status.personActive(person.get().id())) {
            logout.logout(request, response, authentication);
            response.sendRedirect(request.getContextPath() + "/login?signedOut");
            return;
        }
        chain.doFilter(request, response);
    }
}
