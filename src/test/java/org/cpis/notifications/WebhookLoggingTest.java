package org.cpis.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.cpis.notifications.NotificationPullApiTest.careTeam;
import static org.cpis.notifications.NotificationPullApiTest.found;
import static org.cpis.notifications.NotificationPullApiTest.upload;

import java.time.Duration;
import org.cpis.HubClient;
import org.cpis.shared.OdsCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import testsupport.TestNhsNumbers;
import testsupport.UploadFile;

/**
 * An operator who turns the webhook client's logging up to DEBUG (here from start-up, when the client decides whether
 * to log its connections' bytes) sees each exchange, but never the notification it carries: the hub's configuration
 * keeps the client's wire and header logs off whatever level the rest of it is set to.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"cpis.notifications.poll-interval=200", "logging.level.org.apache.hc=DEBUG"})
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class WebhookLoggingTest {

    static final OdsCode BIRMINGHAM = new OdsCode("E08000025");
    static final NotificationDeliveryTest.Receiver RECEIVER = new NotificationDeliveryTest.Receiver();

    @LocalServerPort
    int port;

    @Autowired
    Notifications notifications;

    @Test
    void the_webhook_clients_debug_log_never_carries_the_notification(CapturedOutput output) {
        HubClient hub = new HubClient(port);
        String ed = hub.accessToken("northfield-ed-system", "demo-secret");
        notifications.configureWebhook(BIRMINGHAM, RECEIVER.url());
        String child = TestNhsNumbers.next();
        upload(hub, "birmingham-case-system", UploadFile.builder().row(r -> r.nhsNumber(child)));
        found(careTeam(hub, ed, child));

        await().atMost(Duration.ofSeconds(20))
                .until(() -> !RECEIVER.requestsFor(child).isEmpty());

        assertThat(RECEIVER.requestsFor(child).get(0).body()).contains(child);
        assertThat(output.getOut()).as("the client logged the exchange").contains("executing POST /hook");
        // The wire log would write the body sixteen bytes to a line, so the number alone is not enough to look for.
        assertThat(output.getOut() + output.getErr())
                .doesNotContain(child)
                .doesNotContain("client5.http.wire")
                .doesNotContain("webhook-signature");
    }
}
