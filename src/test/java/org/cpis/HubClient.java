package org.cpis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import testsupport.UploadFile;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Real HTTP to a running hub, as an outside system would call it. */
public final class HubClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The clinician a health system names as its end user unless a test names another (issue 12, docs/api.md). */
    public static final String END_USER_ID = "555000000001";

    public static final String END_USER_NAME = "Dr Amira Khan";

    /**
     * The request headers by which a health system's token names its end user: NHSD-Session-UUID and the Booking and
     * Referral Standard's NHSD-Requesting-Practitioner (a base64 FHIR PractitionerRole).
     */
    public static String[] endUser(String id, String name) {
        String practitionerRole = "{\"resourceType\":\"PractitionerRole\",\"practitioner\":{\"display\":"
                + JSON.writeValueAsString(name) + "}}";
        return new String[] {
            "NHSD-Session-UUID",
            id,
            "NHSD-Requesting-Practitioner",
            Base64.getEncoder().encodeToString(practitionerRole.getBytes(StandardCharsets.UTF_8))
        };
    }

    /** The headers with the default end user added, for a FHIR call that does not name one itself. */
    public static String[] withEndUser(String path, String... headers) {
        if (!path.startsWith("/fhir/R4/") || path.startsWith("/fhir/R4/metadata")) {
            return headers;
        }
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i].equalsIgnoreCase("NHSD-Session-UUID") || headers[i].equalsIgnoreCase("X-No-End-User")) {
                return headers;
            }
        }
        String[] all = java.util.Arrays.copyOf(headers, headers.length + 4);
        System.arraycopy(endUser(END_USER_ID, END_USER_NAME), 0, all, headers.length, 4);
        return all;
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    public HubClient(int port) {
        this.base = "http://localhost:" + port;
    }

    public HttpResponse<String> token(String clientId, String secret) {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(uri("/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build());
    }

    public String accessToken(String clientId, String secret) {
        HttpResponse<String> response = token(clientId, secret);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("token request failed: " + response.statusCode());
        }
        return json(response).get("access_token").asString();
    }

    /** A GET; a FHIR search names the default end user unless the headers name one (or say X-No-End-User). */
    public HttpResponse<String> get(String path, String bearer, String... given) {
        String[] headers = withEndUser(path, given);
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).GET();
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return send(builder.build());
    }

    /** Sends an upload file as an LA case system does, with the next {@link UploadSequences Upload-Sequence}. */
    public HttpResponse<String> upload(String token, UploadFile.Builder file) {
        return upload(token, UploadSequences.next(), file);
    }

    public HttpResponse<String> upload(String token, long sequence, UploadFile.Builder file) {
        return upload(
                token, String.valueOf(sequence), "text/csv", HttpRequest.BodyPublishers.ofByteArray(file.bytes()));
    }

    /** Sends this text as the file: for files whose text is the point. */
    public HttpResponse<String> upload(String token, long sequence, String csv) {
        return upload(token, String.valueOf(sequence), "text/csv", HttpRequest.BodyPublishers.ofString(csv));
    }

    /** Any upload request; a null token or sequence leaves that header out. */
    public HttpResponse<String> upload(
            String token, String sequence, String contentType, HttpRequest.BodyPublisher body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/v1/uploads"))
                .header("Content-Type", contentType)
                .POST(body);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (sequence != null) {
            request.header("Upload-Sequence", sequence);
        }
        return send(request.build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public URI uri(String path) {
        return URI.create(base + path);
    }

    public static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }
}
