package org.cpis.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import ca.uhn.fhir.context.FhirContext;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Clock;
import java.util.List;
import org.cpis.identity.Actor;
import org.cpis.identity.Role;
import org.cpis.shared.NhsNumber;
import org.cpis.shared.OdsCode;
import org.springframework.core.MethodParameter;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * FHIR search parameters and headers, any names and values: the answer is 200 or a 400 OperationOutcome that does not
 * echo what was sent, never another status or an exception. The controller runs in Spring MVC (standalone, behind the
 * authentication the security chain would have done) on a lookup that finds nothing: the parsing is the target.
 * Regression inputs in every build; {@code JAZZER_FUZZ=1 ./mvnw -o surefire:test@fuzz-tests
 * -Dtest=FhirSearchFuzzTest} fuzzes (docs/benchmarks.md).
 */
class FhirSearchFuzzTest {

    private static final List<String> NAMES =
            List.of("patient:identifier", "_format", "_pretty", "_include", "patient", "identifier", "_count", "");
    private static final List<String> RESOURCES = List.of("CareTeam", "Flag", "AuditEvent");
    private static final Actor ED = new Actor(
            "northfield-ed-system", "Northfield ED system", Role.HEALTH_SYSTEM, new OdsCode("X1A01"), "Northfield");

    private static final MockMvc MVC = MockMvcBuilders.standaloneSetup(
                    new FhirController(FhirContext.forR4Cached(), new FindsNothing(), Clock.systemUTC()))
            .setCustomArgumentResolvers(new SignedInAs(ED))
            .build();

    @FuzzTest(maxDuration = "5m")
    void any_search_is_answered_200_or_400_without_echoing_it(FuzzedDataProvider data) throws Exception {
        String resource = data.pickValue(RESOURCES);
        MockHttpServletRequestBuilder request = get(FhirController.BASE + "/" + resource);
        int parameters = data.consumeInt(0, 3);
        StringBuilder sent = new StringBuilder();
        for (int i = 0; i < parameters; i++) {
            String name = data.consumeBoolean() ? data.pickValue(NAMES) : data.consumeString(20);
            String value = data.consumeBoolean()
                    ? "https://fhir.nhs.uk/Id/nhs-number|" + data.consumeString(12)
                    : data.consumeString(40);
            request.queryParam(name, value);
            sent.append(value).append('\n');
        }
        if (data.consumeBoolean()) {
            request.header("TraceID", data.consumeString(80));
        }
        if (data.consumeBoolean()) {
            request.header("IsUnscheduledAccessEvent", data.consumeString(10));
        }

        MockHttpServletResponse response = MVC.perform(request).andReturn().getResponse();

        assertThat(response.getStatus()).isIn(200, 400);
        assertThat(response.getContentType()).startsWith("application/fhir+json");
        if (response.getStatus() == 400) {
            String body = response.getContentAsString();
            assertThat(body).contains("OperationOutcome");
            for (String value : sent.toString().split("\n")) {
                String bare = value.replace("https://fhir.nhs.uk/Id/nhs-number|", "");
                // Identifier-like values (the hub's own wording has no run of letters and 4+ digits like these).
                if (bare.length() >= 8
                        && bare.chars().allMatch(Character::isLetterOrDigit)
                        && bare.chars().filter(Character::isDigit).count() >= 4) {
                    assertThat(body).doesNotContain(bare);
                }
            }
        }
    }

    /** A lookup with no records: the search's parsing is under test, not the data. */
    private static final class FindsNothing implements Lookup {
        @Override
        public LookupResult lookup(LookupRequest request) {
            return new LookupResult(List.of(), List.of(), request.unscheduledHeader());
        }

        @Override
        public List<Access> recentAccesses(Actor actor, NhsNumber nhsNumber, String traceId) {
            return List.of();
        }

        @Override
        public List<Access> accessHistory(NhsNumber nhsNumber) {
            return List.of();
        }
    }

    private record SignedInAs(Actor actor) implements HandlerMethodArgumentResolver {
        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return parameter.getParameterType() == Actor.class;
        }

        @Override
        public Object resolveArgument(
                MethodParameter parameter,
                ModelAndViewContainer mav,
                NativeWebRequest request,
                WebDataBinderFactory binders) {
            return actor;
        }
    }
}
