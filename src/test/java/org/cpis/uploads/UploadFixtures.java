package org.cpis.uploads;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.cpis.HubClient;

/** Builds upload files and sends them as an LA case system would. */
final class UploadFixtures {

    static final String HEADER = "nhs_number,local_id,family_name,given_names,date_of_birth,plan_type,start_date,"
            + "end_date,delete_date,expected_delivery_date,mother_nhs_number,allocated_worker\n";

    private UploadFixtures() {}

    static long nextSequence() {
        return org.cpis.UploadSequences.next();
    }

    static String cpp(String nhs, String dob, String start) {
        return nhs + ",L-" + nhs + ",Smith,Alice," + dob + ",CPP," + start + ",,,,,\n";
    }

    static HttpResponse<String> upload(HubClient hub, String token, long sequence, String body) {
        return upload(hub, token, String.valueOf(sequence), "text/csv", HttpRequest.BodyPublishers.ofString(body));
    }

    static HttpResponse<String> upload(
            HubClient hub, String token, String sequence, String contentType, HttpRequest.BodyPublisher body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(hub.uri("/api/v1/uploads"))
                .header("Content-Type", contentType)
                .POST(body);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (sequence != null) {
            request.header("Upload-Sequence", sequence);
        }
        return hub.send(request.build());
    }
}
