package org.cpis.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * One line per request: method, route, status, time. Never the query string, headers or body, which may carry NHS
 * numbers or names, nor a path as sent ({@link LoggablePath}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class RequestLogFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger("cpis.requests");

    private static final java.util.Set<String> METHODS =
            java.util.Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE");

    private final LoggablePath paths;

    RequestLogFilter(
            @Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> controllers) {
        this.paths = new LoggablePath(controllers);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        // An exception that escapes every filter becomes the container's 500; log that, not the 200 not yet changed.
        boolean failed = true;
        try {
            chain.doFilter(request, response);
            failed = false;
        } finally {
            if (log.isInfoEnabled() && !isStaticAsset(request.getRequestURI())) {
                log.info(
                        "{} {} {} {}ms",
                        METHODS.contains(request.getMethod()) ? request.getMethod() : "OTHER",
                        paths.of(request),
                        failed && !response.isCommitted()
                                ? HttpServletResponse.SC_INTERNAL_SERVER_ERROR
                                : response.getStatus(),
                        (System.nanoTime() - start) / 1_000_000);
            }
        }
    }

    private static boolean isStaticAsset(String uri) {
        return uri.startsWith("/assets/")
                || uri.startsWith("/css/")
                || uri.startsWith("/js/")
                || uri.startsWith("/nhsuk-frontend");
    }
}
