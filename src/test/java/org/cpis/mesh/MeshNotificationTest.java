package org.cpis.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.cpis.HubClient;
import org.cpis.UploadSequences;
import org.cpis.identity.Actor;
import org.cpis.identity.Role;
import org.cpis.shared.NhsNumber;
import org.cpis.shared.OdsCode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import testsupport.TestNhsNumbers;

/** An unscheduled access to a child an LA holds reaches the LA's MESH mailbox as an Access to Service Notification. */
class MeshNotificationTest extends MeshHubTest {

    @LocalServerPort
    int port;

    @Test
    void an_unscheduled_access_is_sent_to_the_las_mailbox_at_least_once_without_clinical_information() {
        String child = TestNhsNumbers.next();
        mesh.deposit(
                LA_MAILBOX,
                HUB,
                UPLOAD_WORKFLOW,
                "n-1",
                Hl7Files.file(UploadSequences.next(), List.of(Hl7Files.cpp(child, "MESH-N1", "20250101"))),
                1);
        exchange.exchange();
        HubClient hub = new HubClient(port);
        mesh.failSends(2); // the first round's send fails (both tries): retried, not lost

        String ed = hub.accessToken("northfield-ed-system", "demo-secret");
        HttpResponse<String> lookup = hub.send(HttpRequest.newBuilder(
                        hub.uri("/fhir/R4/CareTeam?patient:identifier=https://fhir.nhs.uk/Id/nhs-number%7C" + child))
                .header("Authorization", "Bearer " + ed)
                .headers(HubClient.endUser(HubClient.END_USER_ID, HubClient.END_USER_NAME))
                .GET()
                .build());
        assertThat(lookup.statusCode()).as(lookup.body()).isEqualTo(200);

        UUID notification = jdbc.sql("select id from notifications.notification where nhs_number = :n and la_ods = :la")
                .param("n", child)
                .param("la", LA.value())
                .query(UUID.class)
                .single();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "DELIVERED"
                        .equals(jdbc.sql(
                                        "select status from notifications.delivery where notification_id = :n and channel = 'MESH'")
                                .param("n", notification)
                                .query(String.class)
                                .single()));
        exchange.exchange();
        jdbc.sql("update mesh.outbound_message set next_attempt_at = now() where local_id = :l")
                .param("l", "asn-" + notification)
                .update();
        exchange.exchange();

        List<MeshTestServer.Message> sent = mesh.inbox(LA_MAILBOX).stream()
                .filter(m -> ("asn-" + notification).equals(m.localId))
                .toList();
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).workflowId).isEqualTo("CPIS_ACCESS_NOTIFICATION");
        String xml = new String(sent.get(0).body(), StandardCharsets.UTF_8);
        assertThat(xml)
                .contains("<CP-ISAccessToServiceNotification xmlns=\"urn:hl7-org:v3\">")
                .contains("<id root=\"" + notification.toString().toUpperCase() + "\"/>")
                .contains("extension=\"" + child + "\"")
                .contains("extension=\"MESH-N1\"")
                .contains("<accessCount value=\"1\"/>")
                .contains("representedOrganization");
        // Who, where and when, and the child as the LA knows it: never the name, date of birth or anything clinical.
        assertThat(xml)
                .doesNotContain("Test")
                .doesNotContain("value=\"20170202\"")
                .doesNotContain("birthTime");
        assertThat(jdbc.sql("select attempts from mesh.outbound_message where local_id = :l")
                        .param("l", "asn-" + notification)
                        .query(Integer.class)
                        .single())
                .isEqualTo(2);
    }

    @Autowired
    InactiveNhsNumbers inactive;

    @Test
    void a_number_marked_superseded_is_sent_to_each_la_holding_it_with_the_new_number_and_audited() {
        String child = TestNhsNumbers.next();
        String replacement = TestNhsNumbers.next();
        mesh.deposit(
                LA_MAILBOX,
                HUB,
                UPLOAD_WORKFLOW,
                "n-2",
                Hl7Files.file(UploadSequences.next(), List.of(Hl7Files.cpp(child, "MESH-N2", "20250101"))),
                1);
        exchange.exchange();
        Actor admin = new Actor("admin-1", "An Administrator", Role.ADMINISTRATOR, new OdsCode("X26"), "Operator");

        InactiveNhsNumbers.Marked marked = inactive.mark(
                admin, NhsNumber.of(child), InactiveNhsNumbers.Status.SUPERSEDED, NhsNumber.of(replacement));
        exchange.exchange();

        assertThat(marked.told()).containsExactly(LA);
        assertThat(marked.toldByMesh()).containsExactly(LA);
        // The same notice is in the LA's pull API (and its other channels): MESH carries it with the notice's id.
        UUID notice = jdbc.sql(
                        "select id from notifications.inactive_number_notice where nhs_number = :n and la_ods = :la")
                .param("n", child)
                .param("la", LA.value())
                .query(UUID.class)
                .single();
        List<MeshTestServer.Message> sent = mesh.inbox(LA_MAILBOX).stream()
                .filter(m -> "CPIS_INACTIVE_NHS_NUMBER".equals(m.workflowId))
                .filter(m -> new String(m.body(), StandardCharsets.UTF_8).contains(child))
                .toList();
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).localId).isEqualTo("inn-" + notice);
        assertThat(new String(sent.get(0).body(), StandardCharsets.UTF_8))
                .contains("<CP-ISInactiveNHSNumberNotification xmlns=\"urn:hl7-org:v3\">")
                .contains("<id root=\"" + notice.toString().toUpperCase() + "\"/>")
                .contains("extension=\"MESH-N2\"")
                .contains("<statusCode code=\"SUPERSEDED\"/>")
                .contains("<replacedBy><id root=\"2.16.840.1.113883.2.1.4.1\" extension=\"" + replacement + "\"/>");
        assertThat(jdbc.sql("select count(*) from audit.event where action = 'MARK_NHS_NUMBER_SUPERSEDED'"
                                + " and actor_id = 'admin-1' and detail = 'holders=1 told=1 told_by_mesh=1'")
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void a_number_no_la_holds_is_marked_and_nobody_is_told() {
        Actor admin = new Actor("admin-2", "An Administrator", Role.ADMINISTRATOR, new OdsCode("X26"), "Operator");

        InactiveNhsNumbers.Marked marked =
                inactive.mark(admin, NhsNumber.of(TestNhsNumbers.next()), InactiveNhsNumbers.Status.INACTIVE, null);

        assertThat(marked.told()).isEmpty();
        assertThat(marked.alreadyTold()).isEmpty();
    }
}
