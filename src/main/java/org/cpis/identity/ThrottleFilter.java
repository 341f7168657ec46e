package org.cpis.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.cpis.shared.web.ApiErrors;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * 429 with {@code Retry-After} for a caller past its rate limit ({@link RateLimits}). In each security filter chain:
 * sign-in attempts are counted by the name they are made for, before any password is checked; other requests by the
 * person or client they were authenticated as.
 */
final class ThrottleFilter extends OncePerRequestFilter {

    static final String TOO_MANY = "Too many requests; try again after the time in Retry-After";

    private final RateLimits limits;

    ThrottleFilter(RateLimits limits) {
        this.limits = limits;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Duration> wait = signInName(request)
                .map(name -> limits.take(RateLimits.Kind.SIGN_IN, name))
                .orElseGet(() -> Actor.from(SecurityContextHolder.getContext().getAuthentication())
                        .map(actor ->
                                limits.take(actor.system() ? RateLimits.Kind.API : RateLimits.Kind.PAGES, actor.id()))
                        .orElse(Optional.empty()));
        if (wait.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        if (ApiErrors.fhir(request)
                || path(request).startsWith("/api/")
                || path(request).startsWith("/oauth2/")) {
            ApiErrors.write(request, response, 429, TOO_MANY);
        } else {
            response.sendError(429);
        }
    }

    /** The person or client a sign-in or token request is for: the form's username, or the client id. */
    private static Optional<String> signInName(HttpServletRequest request) {
        String path = path(request);
        if (!"POST".equals(request.getMethod())) {
            return Optional.empty();
        }
        if (path.equals("/login")) {
            return name("person:", request.getParameter("username"));
        }
        if (path.startsWith("/oauth2/")) {
            String basic = request.getHeader(HttpHeaders.AUTHORIZATION);
            if (basic != null && basic.regionMatches(true, 0, "Basic ", 0, 6)) {
                try {
                    String pair = new String(
                            Base64.getDecoder().decode(basic.substring(6).trim()), StandardCharsets.UTF_8);
                    return name("client:", java.net.URLDecoder.decode(pair.split(":", 2)[0], StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            }
            return name("client:", request.getParameter("client_id"));
        }
        return Optional.empty();
    }

    private static Optional<String> name(String kind, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String name = value.trim().toLowerCase(Locale.ROOT);
        return Optional.of(kind + (name.length() > 100 ? name.substring(0, 100) : name));
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
