package org.cpis.identity;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import java.net.http.HttpResponse;
import java.util.function.Function;
import org.cpis.CpisIntegrationTest;
import org.cpis.HubClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.web.FilterChainProxy;
import tools.jackson.databind.JsonNode;

@CpisIntegrationTest
class IdentityApiTest {

    @LocalServerPort
    int port;

    @Autowired
    FilterChainProxy securityFilters;

    HubClient hub;

    @BeforeEach
    void connect() {
        hub = new HubClient(port);
    }

    @Test
    void an_la_system_gets_a_token_by_client_credentials_and_is_known_by_it() {
        HttpResponse<String> tokenResponse = hub.token("birmingham-case-system", "demo-secret");
        assertThat(tokenResponse.statusCode()).isEqualTo(200);
        JsonNode token = HubClient.json(tokenResponse);
        assertThat(token.get("token_type").asString()).isEqualTo("Bearer");
        assertThat(token.get("expires_in").asInt()).isBetween(1, 900);

        HttpResponse<String> me =
                hub.get("/api/v1/me", token.get("access_token").asString());
        assertThat(me.statusCode()).isEqualTo(200);
        JsonNode body = HubClient.json(me);
        assertThat(body.get("clientId").asString()).isEqualTo("birmingham-case-system");
        assertThat(body.get("role").asString()).isEqualTo("LA_SYSTEM");
        assertThat(body.get("organisation").asString()).isEqualTo("E08000025");
        assertThat(body.get("organisationName").asString()).isEqualTo("Birmingham City Council");
    }

    @Test
    void a_health_system_is_bound_to_its_own_organisation() {
        String token = hub.accessToken("northfield-ed-system", "demo-secret");
        JsonNode body = HubClient.json(hub.get("/api/v1/me", token));
        assertThat(body.get("role").asString()).isEqualTo("HEALTH_SYSTEM");
        assertThat(body.get("organisation").asString()).isEqualTo("X1A01");
    }

    @Test
    void a_wrong_secret_or_unknown_client_gets_no_token() {
        assertThat(hub.token("birmingham-case-system", "not-the-secret").statusCode())
                .isEqualTo(401);
        assertThat(hub.token("no-such-client", "demo-secret").statusCode()).isEqualTo(401);
    }

    @Test
    void the_api_refuses_calls_without_a_valid_token() {
        HttpResponse<String> anonymous = hub.get("/api/v1/me", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(hub.get("/api/v1/me", "not-a-jwt").statusCode()).isEqualTo(401);
        assertThat(hub.get("/fhir/R4/CareTeam", null).statusCode()).isEqualTo(401);
    }

    @Test
    void a_malformed_authorization_header_is_an_invalid_token() {
        for (String path : new String[] {"/api/v1/me", "/fhir/R4/CareTeam"}) {
            HttpResponse<String> malformed = hub.get(path, null, "Authorization", "Bearer a b");
            assertThat(malformed.statusCode()).as(path).isEqualTo(401);
            assertThat(malformed.headers().firstValue("WWW-Authenticate"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer").contains("invalid_token"));
        }
        assertThat(hub.get("/fhir/R4/CareTeam", null, "Authorization", "Bearer a b")
                        .body())
                .contains("\"resourceType\":\"OperationOutcome\"");
    }

    @Test
    void control_characters_in_a_header_value_or_parameter_name_are_refused() throws Exception {
        MockHttpServletRequest bell = new MockHttpServletRequest("GET", "/actuator/health");
        bell.addHeader("TraceID", "abc\u0007");
        assertThat(status(bell, request -> request.getHeader("TraceID"))).isEqualTo(400);
        MockHttpServletRequest tab = new MockHttpServletRequest("GET", "/actuator/health");
        tab.addHeader("TraceID", "a\tb");
        assertThat(status(tab, request -> request.getHeader("TraceID"))).isEqualTo(200);
        MockHttpServletRequest parameter = new MockHttpServletRequest("GET", "/actuator/health");
        parameter.addParameter("a\u0000b", "x");
        assertThat(status(parameter, HttpServletRequest::getParameterMap)).isEqualTo(400);
    }

    /** Through the hub's own security filters (and their firewall) to a handler that reads the request. */
    private int status(MockHttpServletRequest request, Function<HttpServletRequest, Object> read) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        securityFilters.doFilter(request, response, (req, res) -> read.apply((HttpServletRequest) req));
        return response.getStatus();
    }

    @Test
    void a_token_signed_by_anyone_else_is_refused() {
        String token = hub.accessToken("birmingham-case-system", "demo-secret");
        String[] parts = token.split("\\.");
        // Same header and claims, someone else's signature.
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        assertThat(hub.get("/api/v1/me", forged).statusCode()).isEqualTo(401);
    }

    @Test
    void an_authenticated_system_is_denied_what_no_rule_allows() {
        String token = hub.accessToken("birmingham-case-system", "demo-secret");
        assertThat(hub.get("/fhir/R4/CareTeam", token).statusCode()).isEqualTo(403);
        assertThat(hub.send(java.net.http.HttpRequest.newBuilder(hub.uri("/api/v1/uploads"))
                                .header("Authorization", "Bearer " + token)
                                .DELETE()
                                .build())
                        .statusCode())
                .isEqualTo(403);
        // An address nothing serves is simply not found (issue 13, item 7).
        assertThat(hub.get("/api/v1/not-a-thing", token).statusCode()).isEqualTo(404);
    }

    @Test
    void the_trace_id_a_caller_sends_comes_back() {
        HttpResponse<String> response = hub.get("/api/v1/me", null, "TraceID", "abc-123");
        assertThat(response.headers().firstValue("TraceID")).contains("abc-123");
        assertThat(response.headers().firstValue("X-Request-ID")).contains("abc-123");
    }

    @Test
    void a_hostile_trace_id_is_replaced_not_echoed() {
        HttpResponse<String> response = hub.get("/api/v1/me", null, "TraceID", "<script>alert(1)</script>");
        assertThat(response.headers().firstValue("TraceID"))
                .hasValueSatisfying(v -> assertThat(v).doesNotContain("<").matches("[0-9a-f-]{36}"));
    }
}
