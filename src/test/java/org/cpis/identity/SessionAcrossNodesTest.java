package org.cpis.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.cpis.CpisApplication;
import org.cpis.CpisIntegrationTest;
import org.cpis.HubClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two hub nodes on one database: a person signed in on one is signed in on the other, and signing out on either ends
 * the session on both (issue 17, item 3; sessions in PostgreSQL through Spring Session JDBC).
 */
@CpisIntegrationTest(properties = "cpis.test.own-hub=session-across-nodes")
class SessionAcrossNodesTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern SESSION = Pattern.compile("SESSION=([^;]+)");

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Test
    void a_person_signed_in_on_one_node_is_served_by_another() {
        String url = ((HikariDataSource) dataSource).getJdbcUrl();
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(CpisApplication.class)
                .profiles("test")
                .run("--server.port=0", "--spring.datasource.url=" + url, "--spring.datasource.username=postgres")) {
            HubClient nodeA = new HubClient(port);
            HubClient nodeB =
                    new HubClient(Integer.parseInt(second.getEnvironment().getProperty("local.server.port")));

            String session = signIn(nodeA, "ed.clinician", "demo-password");

            HttpResponse<String> home = page(nodeB, "/", session);
            assertThat(home.statusCode()).isEqualTo(200);
            assertThat(home.body()).contains("Dr Amira Khan");

            // Signing out on node B ends the session for node A too.
            HttpResponse<String> signOut = nodeB.send(HttpRequest.newBuilder(nodeB.uri("/logout"))
                    .header("Cookie", "SESSION=" + session)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf(home.body())))
                    .build());
            assertThat(signOut.statusCode()).isEqualTo(302);
            HttpResponse<String> after = page(nodeA, "/", session);
            assertThat(after.statusCode()).isEqualTo(302);
            assertThat(after.headers().firstValue("Location"))
                    .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        }
    }

    private static String signIn(HubClient node, String username, String password) {
        HttpResponse<String> form = node.get("/login", null);
        String anonymous = session(form);
        HttpResponse<String> signedIn = node.send(HttpRequest.newBuilder(node.uri("/login"))
                .header("Cookie", "SESSION=" + anonymous)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "username=" + username + "&password=" + password + "&_csrf=" + csrf(form.body())))
                .build());
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
        return session(signedIn); // a new session id after sign-in (session fixation protection)
    }

    private static HttpResponse<String> page(HubClient node, String path, String session) {
        return node.send(HttpRequest.newBuilder(node.uri(path))
                .header("Cookie", "SESSION=" + session)
                .GET()
                .build());
    }

    private static String session(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream()
                .map(SESSION::matcher)
                .filter(Matcher::find)
                .map(m -> m.group(1))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no SESSION cookie"));
    }

    private static String csrf(String page) {
        Matcher m = CSRF.matcher(page);
        assertThat(m.find()).as("a CSRF token in the page").isTrue();
        return java.net.URLEncoder.encode(m.group(1), java.nio.charset.StandardCharsets.UTF_8);
    }
}
