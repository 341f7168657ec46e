package org.cpis.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.HashSet;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * A request's path as the request log may show it: the route it matched ({@code /api/v1/uploads/{id}}), or, for a
 * request no route took, its path with every segment that is not a word of some route replaced by {@code *}. A caller
 * can put anything in a path, an NHS number included; only the hub's own words reach the log.
 */
final class LoggablePath {

    /** Addresses served outside the controllers (Spring Security's and Spring Boot's). */
    private static final Set<String> FIXED = Set.of(
            "oauth2",
            "token",
            "revoke",
            "introspect",
            "jwks",
            "login",
            "logout",
            "error",
            "actuator",
            "health",
            "liveness",
            "readiness",
            "info",
            "favicon.ico",
            ".well-known",
            "openid-configuration",
            "oauth-authorization-server",
            "authorization",
            "code",
            "assets",
            "css",
            "js");

    private final ObjectProvider<RequestMappingHandlerMapping> routes;
    private volatile Set<String> words;

    LoggablePath(ObjectProvider<RequestMappingHandlerMapping> routes) {
        this.routes = routes;
    }

    String of(HttpServletRequest request) {
        if (request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) instanceof String pattern
                && !pattern.equals("/**")
                && !pattern.equals("/error")) { // an error page rendered for the request, not what it asked for
            return pattern;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Set<String> known = words();
        StringBuilder shown = new StringBuilder();
        for (String segment : path.split("/", -1)) {
            if (!shown.isEmpty() || !segment.isEmpty()) {
                shown.append('/');
            }
            if (!segment.isEmpty()) {
                shown.append(known.contains(segment) ? segment : "*");
            }
        }
        return shown.isEmpty() ? "/" : shown.toString();
    }

    private Set<String> words() {
        Set<String> known = words;
        if (known == null) {
            known = new HashSet<>(FIXED);
            RequestMappingHandlerMapping mapping = routes.getIfAvailable();
            if (mapping != null) {
                for (var info : mapping.getHandlerMethods().keySet()) {
                    for (String pattern : info.getPatternValues()) {
                        for (String segment : pattern.split("/")) {
                            if (!segment.isEmpty() && !segment.contains("{") && !segment.contains("*")) {
                                known.add(segment);
                            }
                        }
                    }
                }
            }
            words = Set.copyOf(known);
        }
        return known;
    }
}
