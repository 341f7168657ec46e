package org.cpis.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.cpis.CpisIntegrationTest;
import org.cpis.PageSession;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Issue 13, item 7: what the hostile test got a 500 or a wrong 403 for now gets a clean 4xx. */
@CpisIntegrationTest
class CleanErrorsTest {

    @LocalServerPort
    int port;

    @Test
    void the_error_page_itself_is_not_an_address() {
        PageSession anonymous = new PageSession(port);
        assertThat(anonymous.get("/error").statusCode()).isEqualTo(404);
        PageSession signedIn = new PageSession(port);
        signedIn.signIn("social.worker", "demo-password");
        HttpResponse<String> page = signedIn.get("/error");
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("Page not found");
    }

    @Test
    void an_unknown_page_is_not_found_for_a_signed_in_person() {
        PageSession signedIn = new PageSession(port);
        signedIn.signIn("social.worker", "demo-password");
        for (String path : new String[] {"/no-such-page", "/notifications-x", "/admin/nothing"}) {
            HttpResponse<String> page = signedIn.get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(404);
            assertThat(page.body()).as(path).contains("Page not found");
        }
        // A page that exists but is not theirs is still refused.
        assertThat(signedIn.get("/uploads").statusCode()).isEqualTo(403);
        assertThat(signedIn.get("/admin/organisations").statusCode()).isEqualTo(403);
        // Someone not signed in is sent to sign in, whatever the address.
        assertThat(new PageSession(port).get("/no-such-page").statusCode()).isEqualTo(302);
    }

    @Test
    void an_admin_import_without_a_file_is_a_clean_4xx_or_form_error() {
        PageSession admin = new PageSession(port);
        admin.signIn("admin", "demo-password");
        HttpResponse<String> form =
                admin.post("/admin/organisations", "/admin/organisations/import", "kind=LOCAL_AUTHORITIES");
        assertThat(form.statusCode()).isBetween(200, 499);
        String csrf = csrfOf(admin.get("/admin/organisations").body());
        String boundary = "cpisboundary";
        String multipart =
                "--" + boundary + "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nLOCAL_AUTHORITIES\r\n"
                        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf + "\r\n"
                        + "--" + boundary + "--\r\n";
        HttpResponse<String> noFile = admin.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/admin/organisations/import"))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofString(multipart))
                        .build());
        assertThat(noFile.statusCode()).isEqualTo(200);
        assertThat(noFile.body()).contains("Select a CSV file");
        HttpResponse<String> garbled = admin.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/admin/organisations/import?_csrf=" + csrf))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString("--" + boundary + "\r\nnot a part"))
                .build());
        assertThat(garbled.statusCode()).isEqualTo(400);
    }

    private static String csrfOf(String html) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"")
                .matcher(html);
        return m.find() ? m.group(1) : "";
    }
}
