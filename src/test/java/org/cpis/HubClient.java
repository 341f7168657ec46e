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

    public HttpResponse<String> get(String path, String bearer, String... headers) {
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
