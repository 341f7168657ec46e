package org.cpis.mesh;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.cpis.CpisIntegrationTest;
import org.cpis.shared.OdsCode;
import org.cpis.uploads.UploadSummary;
import org.cpis.uploads.Uploads;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A hub whose MESH mailbox is on a {@link MeshTestServer}, with E09000002 as a partner that chose MESH delivery. The
 * rounds are driven by the tests ({@code cpis.mesh.scheduled=false}). Subclasses share one hub and one server.
 */
@CpisIntegrationTest
abstract class MeshHubTest {

    static final String HUB = "HUB0001";
    static final String LA_MAILBOX = "LA00002";
    static final String STRANGER = "XX99999";
    static final OdsCode LA = new OdsCode("E09000002");
    static final String UPLOAD_WORKFLOW = "CPIS_LA_UPLOAD";

    static final MeshTestServer mesh = new MeshTestServer(HUB, LA_MAILBOX, STRANGER);

    @DynamicPropertySource
    static void mesh(DynamicPropertyRegistry properties) {
        properties.add("cpis.mesh.enabled", () -> "true");
        properties.add("cpis.mesh.scheduled", () -> "false");
        properties.add("cpis.mesh.base-url", () -> mesh.url().toString());
        properties.add("cpis.mesh.mailbox-id", () -> HUB);
        properties.add("cpis.mesh.password", () -> "password");
        properties.add("cpis.mesh.shared-key", () -> MeshTestServer.SHARED_KEY);
        properties.add("cpis.mesh.partners[0].local-authority", () -> LA.value());
        properties.add("cpis.mesh.partners[0].mailbox", () -> LA_MAILBOX);
        properties.add("cpis.mesh.partners[0].notifications", () -> "true");
        properties.add("cpis.mesh.attempts", () -> "2");
        properties.add("cpis.mesh.first-retry", () -> "10ms");
        properties.add("cpis.mesh.chunk-size", () -> "300B");
    }

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(mesh::close));
    }

    @Autowired
    MeshExchange exchange;

    @Autowired
    Uploads uploads;

    @Autowired
    JdbcClient jdbc;

    UploadSummary upload(long sequence) {
        return uploads.list(LA, 500).stream()
                .filter(u -> u.sequence() == sequence)
                .findFirst()
                .orElseThrow();
    }

    int uploadsWithSequence(long sequence) {
        return jdbc.sql("select count(*) from uploads.upload where la_ods = :la and sequence = :s")
                .param("la", LA.value())
                .param("s", sequence)
                .query(Integer.class)
                .single();
    }

    int records(OdsCode la, List<String> numbers) {
        return jdbc.sql("select count(*) from records.record where la_ods = :la and nhs_number in (:n)")
                .param("la", la.value())
                .param("n", numbers)
                .query(Integer.class)
                .single();
    }

    /** The acknowledgement the hub sent to the LA's mailbox for this sequence. */
    String acknowledgement(long sequence) {
        return mesh.inbox(LA_MAILBOX).stream()
                .filter(m -> m.fileName.equals("REPC_MT000003GB01_" + sequence + ".xml"))
                .map(m -> new String(m.body(), StandardCharsets.UTF_8))
                .reduce((first, second) -> second)
                .orElseThrow(() -> new AssertionError("no acknowledgement for " + sequence));
    }
}
