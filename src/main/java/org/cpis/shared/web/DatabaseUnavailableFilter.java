package org.cpis.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The database is also used before any controller runs: the shared web session, the token endpoint's client lookup,
 * sign-in, a bearer token's status check. A failure there escapes the filters; this turns it into the same 503. It sits
 * inside {@link RequestFirewall}, whose catch-all would otherwise answer such a FHIR request with a 500.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 3)
class DatabaseUnavailableFilter extends OncePerRequestFilter {

    private final DatabaseUnavailable unavailable;

    DatabaseUnavailableFilter(ObjectProvider<UnavailableWriter> writers) {
        this.unavailable = new DatabaseUnavailable(writers);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException failure) {
            if (!DatabaseUnavailable.causedBy(failure) || !unavailable.respond(failure, request, response)) {
                throw failure;
            }
        }
    }
}
