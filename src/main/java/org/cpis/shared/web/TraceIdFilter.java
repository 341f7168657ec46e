package org.cpis.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request a trace id — the caller's {@code TraceID} header (NHS England's CP-IS API) or
 * {@code X-Request-ID} or {@code X-Correlation-ID} when well-formed, otherwise a new UUID — puts it in every log line
 * and echoes it back. A well-formed {@code X-Correlation-ID} is echoed as itself too.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class TraceIdFilter extends OncePerRequestFilter {

    public static final String MDC_KEY = "traceId";
    public static final String TRACE_ID_HEADER = "TraceID";
    public static final String REQUEST_ID_HEADER = "X-Request-ID";
    /** NHS England's API platform echoes a caller's X-Correlation-ID; FHIR clients built for it expect the same. */
    public static final String CORRELATION_ID_HEADER = "X-Correlation-ID";

    public static final String REQUEST_ATTRIBUTE = TraceIdFilter.class.getName() + ".traceId";

    // Caller-supplied ids reach logs and the audit trail, so only a safe alphabet and length is taken, and nothing
    // that could be an NHS number or a date of birth: no more than six digits in a row, separators ignored.
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:\\-]{1,64}");
    private static final Pattern SEPARATORS = Pattern.compile("[._:\\-]");
    private static final Pattern SEVEN_DIGITS = Pattern.compile("[0-9]{7}");
    private static final Pattern UUIDS =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String supplied = request.getHeader(TRACE_ID_HEADER);
        if (supplied == null) {
            supplied = request.getHeader(REQUEST_ID_HEADER);
        }
        String correlationId = request.getHeader(CORRELATION_ID_HEADER);
        if (supplied == null) {
            supplied = correlationId;
        }
        String traceId = wellFormed(supplied) ? supplied : UUID.randomUUID().toString();
        request.setAttribute(REQUEST_ATTRIBUTE, traceId);
        response.setHeader(REQUEST_ID_HEADER, traceId);
        if (request.getHeader(TRACE_ID_HEADER) != null) {
            response.setHeader(TRACE_ID_HEADER, traceId);
        }
        if (correlationId != null && SAFE.matcher(correlationId).matches()) {
            response.setHeader(CORRELATION_ID_HEADER, correlationId);
        }
        MDC.put(MDC_KEY, traceId);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(MDC_KEY);
        }
    }

    /**
     * A caller's trace id is kept if it is of the safe alphabet and, apart from any UUIDs in it, has no more than six
     * digits in a row once separators are removed: an NHS number or a date of birth is never taken for a trace id.
     */
    static boolean wellFormed(String supplied) {
        if (supplied == null || !SAFE.matcher(supplied).matches()) {
            return false;
        }
        String rest = UUIDS.matcher(supplied).replaceAll("");
        return !SEVEN_DIGITS.matcher(SEPARATORS.matcher(rest).replaceAll("")).find();
    }

    /** The current request's trace id, or null outside a request. */
    public static String current() {
        return MDC.get(MDC_KEY);
    }
}
