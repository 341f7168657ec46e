package org.cpis.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriUtils;

/**
 * Refuses, before anything reads them, requests whose path or query string does not decode (bad percent escapes, bytes
 * that are not UTF-8): 400, without logging or echoing what was sent (the servlet container would otherwise log the
 * parameter with its value). Answers a direct request for {@code /error} with 404, and makes every error on
 * {@code /fhir} an OperationOutcome, including Spring's and the container's own ({@link ApiErrors}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class RequestFirewall extends OncePerRequestFilter {

    static final String UNDECODABLE = "The request's address or query string is not valid percent-encoded UTF-8";

    private static final Logger log = LoggerFactory.getLogger(RequestFirewall.class);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!decodes(request.getRequestURI()) || !decodes(request.getQueryString())) {
            if (ApiErrors.fhir(request) || path(request).startsWith("/api/")) {
                ApiErrors.write(request, response, 400, UNDECODABLE);
            } else {
                response.sendError(400);
            }
            return;
        }
        if (path(request).equals("/error")) {
            response.sendError(404); // the error page is what the hub shows, not an address
            return;
        }
        if (!ApiErrors.fhir(request)) {
            chain.doFilter(request, response);
            return;
        }
        try {
            chain.doFilter(request, new FhirErrorResponse(request, response));
        } catch (IOException | ServletException | RuntimeException e) {
            // The class only: an exception's message can quote the request.
            log.error("FHIR request failed: {}", e.getClass().getName());
            if (!response.isCommitted()) {
                ApiErrors.write(request, response, 500, null);
            }
        }
    }

    /** Error dispatches are the container's own (the error page of a request this filter already let through). */
    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return true;
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    /**
     * True if every percent escape is well-formed and the bytes they make are UTF-8. Spring's own decoder refuses a bad
     * escape and turns bytes that are not UTF-8 into U+FFFD (so an escaped U+FFFD is refused too; no address uses one).
     */
    static boolean decodes(String raw) {
        if (raw == null || raw.indexOf('%') < 0) {
            return true;
        }
        try {
            return UriUtils.decode(raw, StandardCharsets.UTF_8).indexOf('\uFFFD') < 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Turns the container's and Spring's {@code sendError} on a FHIR request into an OperationOutcome. */
    private static final class FhirErrorResponse extends HttpServletResponseWrapper {

        private final HttpServletRequest request;

        FhirErrorResponse(HttpServletRequest request, HttpServletResponse response) {
            super(response);
            this.request = request;
        }

        @Override
        public void sendError(int status) throws IOException {
            ApiErrors.write(request, (HttpServletResponse) getResponse(), status, null);
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            sendError(status); // the container's message may quote the request
        }
    }
}
