package org.cpis.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The NHSMESH authorisation header as MESH checks it, and the test server refusing every way of getting it wrong. */
class MeshAuthorizationTest {

    static final MeshTestServer mesh = new MeshTestServer("X26ABC1", "X26ABC2");
    static final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterAll
    static void stop() {
        mesh.close();
    }

    @Test
    void the_header_carries_mailbox_nonce_count_utc_minute_and_the_hmac_of_them_with_the_password() {
        Clock clock = Clock.fixed(Instant.parse("2026-03-29T00:59:30Z"), ZoneOffset.UTC);

        String header = MeshAuthorization.header("X26ABC1", "password", "TestKey", clock);

        assertThat(header).startsWith("NHSMESH X26ABC1:");
        String[] parts = header.substring("NHSMESH ".length()).split(":");
        assertThat(parts).hasSize(5);
        assertThat(parts[2]).isEqualTo("0");
        assertThat(parts[3]).isEqualTo("202603290059"); // UTC, not the clock in England (BST from 01:00)
        assertThat(parts[4])
                .isEqualTo(MeshTestServer.hmacSha256Hex("TestKey", "X26ABC1:" + parts[1] + ":0:password:202603290059"));
        assertThat(MeshAuthorization.header("X26ABC1", "password", "TestKey", clock)
                        .split(":")[1])
                .as("a fresh nonce each time")
                .isNotEqualTo(parts[1]);
    }

    @Test
    void the_server_takes_a_right_header_once_and_refuses_a_wrong_key_password_mailbox_or_replay() throws Exception {
        String good = MeshAuthorization.header("X26ABC1", "password", "TestKey", Clock.systemUTC());

        assertThat(handshake("X26ABC1", good)).isEqualTo(200);
        assertThat(handshake("X26ABC1", good)).as("replayed nonce").isEqualTo(403);
        assertThat(handshake("X26ABC1", MeshAuthorization.header("X26ABC1", "password", "Wrong", Clock.systemUTC())))
                .isEqualTo(403);
        assertThat(handshake("X26ABC1", MeshAuthorization.header("X26ABC1", "guess", "TestKey", Clock.systemUTC())))
                .isEqualTo(403);
        assertThat(handshake("X26ABC2", MeshAuthorization.header("X26ABC1", "password", "TestKey", Clock.systemUTC())))
                .as("another mailbox's path")
                .isEqualTo(403);
        Clock stale = Clock.fixed(Instant.now().minusSeconds(3 * 3600), ZoneOffset.UTC);
        assertThat(handshake("X26ABC1", MeshAuthorization.header("X26ABC1", "password", "TestKey", stale)))
                .isEqualTo(403);
    }

    private static int handshake(String mailbox, String authorization) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(mesh.url().resolve("/messageexchange/" + mailbox))
                                .header("Authorization", authorization)
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
