package org.cpis.uploads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import org.cpis.CpisIntegrationTest;
import org.cpis.HubClient;
import org.cpis.PageSession;
import org.cpis.UploadSequences;
import org.cpis.shared.OdsCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import testsupport.UploadFile;

/** Issue 13, item 1: Upload-Sequence is bounded, never overflows, and an administrator can reset a stuck counter. */
@CpisIntegrationTest
class UploadSequenceLimitTest {

    static final OdsCode LEEDS = OdsCode.of("E08000035");

    @LocalServerPort
    int port;

    @Autowired
    Uploads uploads;

    @Autowired
    JdbcClient jdbc;

    HubClient hub;
    String token;

    @BeforeEach
    void connect() {
        hub = new HubClient(port);
        token = hub.accessToken("leeds-case-system", "demo-secret");
    }

    @Test
    void a_sequence_above_the_documented_maximum_is_refused_with_400_and_changes_nothing() {
        long before = uploads.lastSequence(LEEDS);
        for (String sequence : new String[] {"9223372036854775807", "9007199254740992", "99999999999999999999", "0"}) {
            HttpResponse<String> response = hub.upload(
                    token,
                    sequence,
                    "text/csv",
                    java.net.http.HttpRequest.BodyPublishers.ofByteArray(
                            UploadFile.builder().row(r -> {}).bytes()));
            assertThat(response.statusCode()).as(sequence).isEqualTo(400);
            assertThat(response.body()).contains("from 1 to 9007199254740991");
        }
        assertThat(uploads.lastSequence(LEEDS)).isEqualTo(before);
    }

    @Test
    void an_la_at_the_maximum_gets_a_clear_refusal_until_an_administrator_resets_its_counter() {
        assertThat(hub.upload(token, Uploads.MAX_SEQUENCE, UploadFile.builder().row(r -> {}))
                        .statusCode())
                .isEqualTo(200);
        // The browser's next number would overflow: a clear refusal, not a 500.
        assertThatThrownBy(() -> uploads.upload(webUpload()))
                .isInstanceOfSatisfying(
                        UploadRejectedException.class,
                        e -> assertThat(e.kind()).isEqualTo(UploadRejectedException.Kind.SEQUENCE_EXHAUSTED));
        assertThat(hub.upload(
                                token,
                                UploadSequences.next(),
                                UploadFile.builder().row(r -> {}))
                        .statusCode())
                .isEqualTo(409);

        PageSession admin = new PageSession(port);
        assertThat(admin.signIn("admin", "demo-password").statusCode()).isEqualTo(302);
        String page = "/admin/organisations/E08000035/upload-sequence";
        assertThat(admin.get(page).body()).contains("Leeds City Council", "9007199254740991");
        HttpResponse<String> reset = admin.post(page, page, "");
        assertThat(reset.statusCode()).isEqualTo(302);
        assertThat(reset.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith(page + "?reset"));

        assertThat(uploads.lastSequence(LEEDS)).isZero();
        assertThat(jdbc.sql("""
                        select count(*) from audit.event
                         where action = 'UPLOAD_SEQUENCE_RESET' and actor_id = 'admin' and subject_ref = 'la:E08000035'
                           and detail like 'previous=9007199254740991 %'
                        """).query(Integer.class).single()).isEqualTo(1);
        // The LA is on its way again, by API and by browser.
        assertThat(hub.upload(
                                token,
                                UploadSequences.next(),
                                UploadFile.builder().row(r -> {}))
                        .statusCode())
                .isEqualTo(200);
        assertThat(uploads.upload(webUpload()).status()).isEqualTo(UploadStatus.ALL_LOADED);
    }

    @Test
    void only_administrators_reach_the_reset_and_an_unknown_authority_is_not_found() {
        PageSession manager = new PageSession(port);
        manager.signIn("leeds.data.manager", "demo-password");
        assertThat(manager.get("/admin/organisations/E08000035/upload-sequence").statusCode())
                .isEqualTo(403);

        PageSession admin = new PageSession(port);
        admin.signIn("admin", "demo-password");
        assertThat(admin.get("/admin/organisations/X1A01/upload-sequence").statusCode())
                .isEqualTo(404);
        assertThat(admin.get("/admin/organisations/not-ods!/upload-sequence").statusCode())
                .isEqualTo(404);
    }

    private static UploadCommand webUpload() {
        return new UploadCommand(
                LEEDS,
                null,
                "leeds.data.manager",
                "LA_DATA_MANAGER",
                UploadCommand.Channel.WEB,
                new ByteArrayInputStream(UploadFile.builder().row(r -> {}).bytes()));
    }
}
