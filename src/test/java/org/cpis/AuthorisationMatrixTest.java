package org.cpis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cpis.identity.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import testsupport.UploadFile;

/**
 * Issue 13, item 9: every endpoint × every caller (anonymous and each {@link Role}) × own and another organisation,
 * with the exact status each gets, from the declarative table {@code src/test/resources/authorisation-matrix.txt}
 * (its header says how to add a row). The endpoints are read from the running hub's route table, so an endpoint added
 * without rows fails this test, as does a row whose endpoint no longer exists.
 *
 * <p>Its own hub (the {@code matrix} property), because the matrix posts to every endpoint as every caller.
 */
@CpisIntegrationTest(properties = "cpis.test.matrix=own-hub")
class AuthorisationMatrixTest {

    static final String TABLE = "/authorisation-matrix.txt";

    /** Endpoints served by Spring Security's filters rather than controllers. */
    static final Set<String> FILTER_ENDPOINTS =
            Set.of("POST /oauth2/token", "POST /oauth2/revoke", "GET /oauth2/jwks", "POST /login", "POST /logout");

    /** The demo identity each caller acts as: people of Birmingham, Northfield ED and the operator; their systems. */
    static final Map<Role, String> DEMO = new EnumMap<>(Map.of(
            Role.UNSCHEDULED_CLINICIAN, "ed.clinician",
            Role.SCHEDULED_CLINICIAN, "gp.clinician",
            Role.SOCIAL_WORKER, "social.worker",
            Role.DUTY_TEAM, "duty.team",
            Role.MASH, "mash.officer",
            Role.LA_DATA_MANAGER, "data.manager",
            Role.PRIVACY_OFFICER, "caldicott.guardian",
            Role.ADMINISTRATOR, "admin",
            Role.LA_SYSTEM, "birmingham-case-system",
            Role.HEALTH_SYSTEM, "northfield-ed-system"));

    record Row(String endpoint, String variant, String path, List<Integer> expected, int line) {}

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping controllers;

    @Test
    void every_endpoint_of_the_route_table_has_its_rows_and_every_row_an_endpoint() throws IOException {
        Set<String> routes = routes();
        Set<String> tabled = new TreeSet<>();
        table().forEach(row -> tabled.add(row.endpoint()));

        Set<String> missing = new TreeSet<>(routes);
        missing.removeAll(tabled);
        Set<String> stale = new TreeSet<>(tabled);
        stale.removeAll(routes);
        assertThat(missing)
                .as("endpoints without rows in %s (add an 'own' and an 'other' row for each)", TABLE)
                .isEmpty();
        assertThat(stale)
                .as("rows in %s for endpoints that no longer exist", TABLE)
                .isEmpty();
        for (String endpoint : routes) {
            assertThat(table().stream()
                            .filter(r -> r.endpoint().equals(endpoint))
                            .map(Row::variant)
                            .toList())
                    .as(endpoint)
                    .containsExactlyInAnyOrder("own", "other");
        }
    }

    @Test
    void every_caller_gets_exactly_the_status_in_the_table() throws IOException {
        Map<String, String> fixtures = fixtures();
        Map<String, Caller> callers = callers();
        List<String> mismatches = new ArrayList<>();
        List<String> actualTable = new ArrayList<>();
        for (Row row : table()) {
            String method = row.endpoint().substring(0, row.endpoint().indexOf(' '));
            String path = resolve(row.path(), fixtures);
            StringBuilder actualLine =
                    new StringBuilder(String.format("%-58s %-5s %-40s", row.endpoint(), row.variant(), row.path()));
            int i = 0;
            for (Map.Entry<String, Caller> caller : callers.entrySet()) {
                int status = caller.getValue().send(method, path);
                actualLine.append(String.format(" %3d", status));
                if (status != row.expected().get(i)) {
                    mismatches.add(String.format(
                            "line %d: %s %s as %s: expected %d, got %d",
                            row.line(),
                            method,
                            path,
                            caller.getKey(),
                            row.expected().get(i),
                            status));
                }
                i++;
            }
            actualTable.add(actualLine.toString());
        }
        Files.write(Path.of("target", "authorisation-matrix.actual.txt"), actualTable);
        assertThat(mismatches)
                .as("statuses that differ from %s (the hub's answers: target/authorisation-matrix.actual.txt)", TABLE)
                .isEmpty();
    }

    /** METHOD and path pattern of every controller mapping, plus the filter chains' endpoints. */
    private Set<String> routes() {
        Set<String> routes = new TreeSet<>(FILTER_ENDPOINTS);
        for (RequestMappingInfo info : controllers.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (methods.isEmpty()) {
                    routes.add("ANY " + pattern);
                }
                methods.forEach(m -> routes.add(m.name() + " " + pattern));
            }
        }
        return routes;
    }

    /** Resources of the callers' own organisation and of another, for the rows' {@code ${name}} placeholders. */
    private Map<String, String> fixtures() {
        HubClient hub = new HubClient(port);
        Map<String, String> fixtures = new LinkedHashMap<>();
        fixtures.put("ownUpload", uploadId(hub, "birmingham-case-system"));
        fixtures.put("otherUpload", uploadId(hub, "leeds-case-system"));
        fixtures.put("ownLa", "E08000025");
        fixtures.put("otherLa", "E08000035");
        fixtures.put("unknownId", "00000000-0000-4000-8000-000000000000");
        return fixtures;
    }

    private static String uploadId(HubClient hub, String client) {
        String token = hub.accessToken(client, "demo-secret");
        return HubClient.json(hub.upload(token, UploadFile.builder().row(r -> {})))
                .get("uploadId")
                .asString();
    }

    private Map<String, Caller> callers() {
        Map<String, Caller> callers = new LinkedHashMap<>();
        callers.put("ANONYMOUS", new Caller(new PageSession(port), null, "/login"));
        for (Role role : Role.values()) {
            String id = DEMO.get(role);
            if (role.system()) {
                callers.put(
                        role.name(),
                        new Caller(
                                new PageSession(port), new HubClient(port).accessToken(id, "demo-secret"), "/login"));
            } else {
                PageSession session = new PageSession(port);
                assertThat(session.signIn(id, "demo-password").statusCode()).isEqualTo(302);
                callers.put(role.name(), new Caller(session, null, "/"));
            }
        }
        return callers;
    }

    /** A person in a browser (with the session's CSRF token), an API client with its token, or no one. */
    private record Caller(PageSession session, String bearer, String csrfPage) {

        int send(String method, String path) {
            HttpRequest.Builder request = HttpRequest.newBuilder(java.net.URI.create(base(session) + path));
            if (bearer != null) {
                request.header("Authorization", "Bearer " + bearer);
            }
            if (method.equals("GET") || method.equals("ANY")) {
                request.header("Accept", "text/html,application/json;q=0.9,*/*;q=0.8")
                        .GET();
            } else if (bearer != null) {
                request.header("Content-Type", "text/csv").method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                String csrf = csrf(session.get(csrfPage));
                request.header("Content-Type", "application/x-www-form-urlencoded")
                        .method(method, HttpRequest.BodyPublishers.ofString("_csrf=" + csrf));
            }
            return session.send(request.build()).statusCode();
        }

        private static String base(PageSession session) {
            return session.base();
        }

        private static String csrf(HttpResponse<String> page) {
            Matcher token =
                    Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page.body());
            return token.find() ? token.group(1) : "";
        }
    }

    private static String resolve(String path, Map<String, String> fixtures) {
        String resolved = path;
        for (Map.Entry<String, String> fixture : fixtures.entrySet()) {
            resolved = resolved.replace("${" + fixture.getKey() + "}", fixture.getValue());
        }
        return resolved;
    }

    /** The table: {@code METHOD PATTERN VARIANT PATH} and one status per caller, in the header's order. */
    static List<Row> table() throws IOException {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = AuthorisationMatrixTest.class.getResourceAsStream(TABLE)) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int n = 0; n < lines.length; n++) {
                String line = lines[n].strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\\s+");
                List<Integer> statuses = new ArrayList<>();
                for (int i = 4; i < f.length; i++) {
                    statuses.add(Integer.parseInt(f[i]));
                }
                if (statuses.size() != Role.values().length + 1) {
                    throw new IllegalStateException(TABLE + " line " + (n + 1) + ": one status per caller is needed");
                }
                rows.add(new Row(f[0] + " " + f[1], f[2], f[3], statuses, n + 1));
            }
        }
        return rows;
    }
}
