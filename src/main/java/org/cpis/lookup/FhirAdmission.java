package org.cpis.lookup;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Works on at most {@code cpis.lookup.concurrent-requests} FHIR requests at once (silent reads aside); the others wait
 * their turn in order of arrival, parked, for up to {@code cpis.lookup.queue-wait}, then get 503 with
 * {@code Retry-After} (nothing read, nothing recorded). An unscheduled lookup is processor time on this node and its
 * database; with every request in progress sharing the processors, each waited behind all the others' time slices at
 * each of its round trips, and the slowest hundredth took three times the mean (docs/decisions.md, "Speed budget"). A
 * fair semaphore rather than Spring's {@code @ConcurrencyLimit}, which lets a newcomer overtake a request already
 * waiting and cannot bound the wait.
 */
class FhirAdmission extends OncePerRequestFilter {

    private static final int RETRY_AFTER_SECONDS = 1;

    private static final Logger log = LoggerFactory.getLogger(FhirAdmission.class);

    private final Semaphore permits;
    private final Duration queueWait;
    private final FhirUnavailable unavailable;
    private final Counter refused;

    FhirAdmission(LookupProperties properties, FhirUnavailable unavailable, MeterRegistry meters) {
        this.permits = new Semaphore(properties.permits(), true);
        this.queueWait = properties.queueWait();
        this.unavailable = unavailable;
        this.refused = Counter.builder("cpis.fhir.busy")
                .description("FHIR requests refused with 503 after waiting their turn for cpis.lookup.queue-wait")
                .register(meters);
    }

    /**
     * A silent read ({@code IsUnscheduledAccessEvent: false}) is not held: it is one statement committed on its own,
     * holding no lock, and waiting for the hand-over of a turn cost it a tenth of its rate (docs/decisions.md).
     */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return FhirSearch.silent(request.getHeader(FhirSearch.UNSCHEDULED_HEADER));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!admitted()) {
            refuse(request, response);
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            permits.release();
        }
    }

    private boolean admitted() {
        try {
            return permits.tryAcquire(queueWait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        refused.increment();
        log.warn("FHIR request refused with 503: its turn did not come within {}", queueWait);
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
        unavailable.write(request, response);
    }
}
