package org.cpis.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.apache.catalina.valves.RemoteIpValve;
import org.cpis.CpisIntegrationTest;
import org.cpis.HubClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/** Issue 13, items 5 and 6: behind TLS (headers, trusted proxies only) and stalled requests. */
@CpisIntegrationTest
class EdgeHardeningTest {

    @LocalServerPort
    int port;

    @Autowired
    WebServerApplicationContext context;

    HubClient hub;

    @BeforeEach
    void connect() {
        hub = new HubClient(port);
    }

    @Test
    void pages_and_apis_behind_tls_send_the_hardening_headers() {
        for (String path : new String[] {"/login", "/api/v1/me", "/fhir/R4/metadata"}) {
            HttpResponse<String> response = hub.get(path, null, "X-Forwarded-Proto", "https");
            assertThat(response.headers().firstValue("Strict-Transport-Security"))
                    .as(path)
                    .contains("max-age=31536000 ; includeSubDomains");
            assertThat(response.headers().firstValue("Referrer-Policy"))
                    .as(path)
                    .contains("same-origin");
            assertThat(response.headers().firstValue("Permissions-Policy"))
                    .as(path)
                    .hasValueSatisfying(p -> assertThat(p).contains("camera=()", "geolocation=()"));
        }
        // HSTS only over TLS: a plain-http request is not told to use https.
        assertThat(hub.get("/login", null).headers().firstValue("Strict-Transport-Security"))
                .isEmpty();
    }

    @Test
    void forwarded_headers_are_trusted_only_from_the_configured_proxies() {
        RemoteIpValve valve = Arrays.stream(((TomcatWebServer) context.getWebServer())
                        .getTomcat()
                        .getEngine()
                        .getPipeline()
                        .getValves())
                .filter(RemoteIpValve.class::isInstance)
                .map(RemoteIpValve.class::cast)
                .findFirst()
                .orElseThrow();
        String trusted = valve.getInternalProxies();
        for (String loopback : new String[] {"127.0.0.1", "0:0:0:0:0:0:0:1"}) {
            assertThat(loopback.matches(trusted)).as(loopback).isTrue();
        }
        for (String other : new String[] {"10.0.0.5", "192.168.1.20", "172.16.0.9", "169.254.169.254", "127.0.0.2"}) {
            assertThat(other.matches(trusted)).as(other).isFalse();
        }
    }

    @Test
    void unfinished_headers_are_given_a_few_seconds() throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream()
                    .write("GET /login HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(timeToClose(socket)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void a_stalled_upload_body_is_given_a_few_seconds() throws IOException {
        String token = hub.accessToken("birmingham-case-system", "demo-secret");
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/uploads HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                            + "\r\nUpload-Sequence: " + org.cpis.UploadSequences.next()
                            + "\r\nContent-Type: text/csv\r\nContent-Length: 100000\r\n\r\nnhs_number,")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(timeToClose(socket)).isLessThan(Duration.ofSeconds(12));
        }
    }

    /** How long until the server answers or closes the connection (read returns). */
    private static Duration timeToClose(Socket socket) throws IOException {
        long start = System.nanoTime();
        InputStream in = socket.getInputStream();
        try {
            while (in.read() >= 0) {
                // drain whatever answer it sends until it closes
            }
        } catch (SocketTimeoutException e) {
            return Duration.ofSeconds(30);
        } catch (IOException e) {
            // reset by the server: closed
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
