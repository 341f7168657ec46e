package org.cpis.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.cpis.CpisIntegrationTest;
import org.cpis.HubClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Behind the TLS-terminating proxy of docs/operations.md, which forwards from this machine's own address here. */
@CpisIntegrationTest
class ForwardedHeadersTest {

    @LocalServerPort
    int port;

    HubClient hub;

    @BeforeEach
    void connect() {
        hub = new HubClient(port);
    }

    @Test
    void links_and_cookies_follow_the_proxy_that_forwarded_the_request() {
        HttpResponse<String> home =
                hub.get("/", null, "X-Forwarded-Proto", "https", "X-Forwarded-Host", "cpis.example.nhs.uk");
        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(home.headers().firstValue("Location")).contains("https://cpis.example.nhs.uk/login");
        assertThat(home.headers().allValues("Set-Cookie"))
                .filteredOn(cookie -> cookie.startsWith("SESSION="))
                .singleElement()
                .satisfies(cookie -> assertThat(cookie).contains("; Secure"));
    }

    @Test
    void without_forwarded_headers_the_request_is_taken_as_it_came() {
        HttpResponse<String> home = hub.get("/", null);
        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(home.headers().firstValue("Location")).contains("http://localhost:" + port + "/login");
        assertThat(home.headers().allValues("Set-Cookie"))
                .filteredOn(cookie -> cookie.startsWith("SESSION="))
                .singleElement()
                .satisfies(cookie -> assertThat(cookie).doesNotContain("Secure"));
    }
}
