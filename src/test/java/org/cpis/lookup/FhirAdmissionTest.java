package org.cpis.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The FHIR API's admission: a request beyond the limit waits its turn, and past the wait gets 503. */
class FhirAdmissionTest {

    private static FhirUnavailable unavailable;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final CountDownLatch inside = new CountDownLatch(1);
    private final CountDownLatch leave = new CountDownLatch(1);

    @BeforeAll
    static void fhir() {
        unavailable = new FhirUnavailable(FhirContext.forR4());
    }

    @AfterEach
    void letGo() {
        leave.countDown();
    }

    @Test
    void aRequestBeyondTheLimitIsRefusedWithRetryAfterOnceItsWaitIsOver() throws Exception {
        FhirAdmission admission = admission(1, Duration.ofMillis(200));
        CompletableFuture<MockHttpServletResponse> first = CompletableFuture.supplyAsync(() -> run(admission, true));
        assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();

        MockHttpServletResponse second = run(admission, false);

        assertThat(second.getStatus()).isEqualTo(503);
        assertThat(second.getHeader("Retry-After")).isEqualTo("1");
        assertThat(second.getContentAsString())
                .contains("\"resourceType\":\"OperationOutcome\"", "\"code\":\"transient\"", "SERVICE_UNAVAILABLE");
        assertThat(meters.counter("cpis.fhir.busy").count()).isEqualTo(1);
        leave.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
    }

    @Test
    void aWaitingRequestIsServedWhenTheOneBeforeItEnds() throws Exception {
        FhirAdmission admission = admission(1, Duration.ofSeconds(10));
        CompletableFuture<MockHttpServletResponse> first = CompletableFuture.supplyAsync(() -> run(admission, true));
        assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<MockHttpServletResponse> second = CompletableFuture.supplyAsync(() -> run(admission, false));

        Thread.sleep(100);
        assertThat(second).isNotDone();
        leave.countDown();

        assertThat(second.get(5, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
        assertThat(first.get(5, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
        assertThat(meters.counter("cpis.fhir.busy").count()).isZero();
    }

    @Test
    void aSilentReadIsNotHeldButAnUnscheduledOneIs() throws Exception {
        FhirAdmission admission = admission(1, Duration.ofMillis(200));
        CompletableFuture<MockHttpServletResponse> first = CompletableFuture.supplyAsync(() -> run(admission, true));
        assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();

        assertThat(run(admission, false, " FALSE").getStatus()).isEqualTo(200);
        assertThat(run(admission, false, "true").getStatus()).isEqualTo(503);
        leave.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
    }

    @Test
    void aRequestThatFailsGivesBackItsTurn() throws Exception {
        FhirAdmission admission = admission(1, Duration.ofMillis(200));
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/fhir/R4/CareTeam");
        MockFilterChain failing = new MockFilterChain(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse res) {
                throw new IllegalStateException("the handler failed");
            }
        });
        assertThatThrownBy(() -> admission.doFilter(request, new MockHttpServletResponse(), failing))
                .isInstanceOf(IllegalStateException.class);

        assertThat(run(admission, false).getStatus()).isEqualTo(200);
    }

    @Test
    void byDefaultTwiceTheProcessors() {
        assertThat(new LookupProperties(null, Duration.ofSeconds(3)).permits())
                .isEqualTo(2 * Runtime.getRuntime().availableProcessors());
        assertThat(new LookupProperties(6, Duration.ofSeconds(3)).permits()).isEqualTo(6);
    }

    private FhirAdmission admission(int concurrent, Duration wait) {
        return new FhirAdmission(new LookupProperties(concurrent, wait), unavailable, meters);
    }

    /** One request through the admission; {@code hold} keeps it inside until the test lets go. */
    private MockHttpServletResponse run(FhirAdmission admission, boolean hold) {
        return run(admission, hold, null);
    }

    private MockHttpServletResponse run(FhirAdmission admission, boolean hold, String unscheduledHeader) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/fhir/R4/CareTeam");
        if (unscheduledHeader != null) {
            request.addHeader(FhirSearch.UNSCHEDULED_HEADER, unscheduledHeader);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        try {
            admission.doFilter(request, response, (req, res) -> {
                if (hold) {
                    inside.countDown();
                    try {
                        leave.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return response;
    }
}
