package org.cpis.shared.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.cpis.HubClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import testsupport.HubProcess;
import testsupport.TestNhsNumbers;
import testsupport.UploadFile;

/** A hub killed with SIGKILL comes back on its first start, with its data (issue 17, item 1). */
@DisabledIfEnvironmentVariable(named = "SPRING_DATASOURCE_URL", matches = ".+")
class CrashRestartIT {

    @TempDir
    Path work;

    @Test
    void the_first_start_after_a_sigkill_serves_the_data_written_before_it() {
        try (HubProcess hub = new HubProcess(work)) {
            hub.start();
            HubClient client = new HubClient(hub.port());
            String child = TestNhsNumbers.next();
            HttpResponse<String> ack = client.upload(
                    client.accessToken("birmingham-case-system", "demo-secret"),
                    1,
                    UploadFile.builder().row(r -> r.nhsNumber(child)));
            assertThat(ack.statusCode()).isEqualTo(200);
            ProcessHandle postgres = hub.postmaster().orElseThrow();

            hub.kill();

            // The premise: the crash left the embedded PostgreSQL running, holding its data folder.
            assertThat(postgres.isAlive()).isTrue();
            hub.start(); // fails (with the hub's log) if the hub exits or never gets ready
            assertThat(postgres.isAlive()).as("the orphaned server was stopped").isFalse();
            assertThat(hub.postmaster()).isPresent();

            String ed = client.accessToken("northfield-ed-system", "demo-secret");
            HttpResponse<String> careTeam =
                    client.get("/fhir/R4/CareTeam?patient:identifier=https://fhir.nhs.uk/Id/nhs-number%7C" + child, ed);
            assertThat(careTeam.statusCode()).isEqualTo(200);
            assertThat(HubClient.json(careTeam).get("total").asInt()).isEqualTo(1);
        }
    }
}
