package org.cpis.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.cpis.CpisApplication;
import org.cpis.HubClient;
import org.cpis.audit.Audit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import testsupport.HubProcess;
import testsupport.TestClockConfiguration;
import testsupport.TestNhsNumbers;

/**
 * Crash consistency (issue 17, item 5): SIGKILLs of a real hub process at random moments of mixed uploads and
 * unscheduled lookups, each followed by a restart and a reconciliation ({@link CrashReconciliation}); at the end the
 * audit chain verifies. A few kills in every build; {@code scripts/crash-test.sh} runs 22 or more
 * ({@code -Dcpis.crash.kills=22}). {@code -Dcpis.crash.seed=...} repeats a run's random moments.
 */
@DisabledIfEnvironmentVariable(named = "SPRING_DATASOURCE_URL", matches = ".+")
class CrashConsistencyIT {

    private static final Logger log = LoggerFactory.getLogger(CrashConsistencyIT.class);
    private static final int KILLS = Integer.getInteger("cpis.crash.kills", 3);

    @TempDir
    Path work;

    @Test
    void sigkills_under_load_lose_nothing_acknowledged_and_apply_nothing_by_halves() throws Exception {
        long seed = Long.getLong("cpis.crash.seed", System.nanoTime());
        log.info("Crash drill: {} kills, seed {}", KILLS, seed);
        Random random = new Random(seed);
        CrashLedger ledger = new CrashLedger();
        // Mail set up (nothing listens there): each notification gets its e-mail delivery row, which is checked.
        try (HubProcess hub =
                new HubProcess(work, "--spring.mail.host=localhost", "--spring.mail.port=" + HubProcess.freePort())) {
            hub.start();
            CrashReconciliation reconciliation = new CrashReconciliation(ledger, hub.jdbcUrl());
            for (int round = 1; round <= KILLS; round++) {
                warmUp(hub);
                CrashLoad load = new CrashLoad(hub.port(), ledger, round, random.nextLong());
                load.start();
                long moment = 1_000 + random.nextInt(6_000);
                Thread.sleep(moment);
                hub.kill();
                int answered = load.stop();
                long restart = System.nanoTime();
                hub.start(); // the first start after the kill must serve
                log.info(
                        "Kill {} at +{} ms ({} requests answered); ready again after {} ms; {}",
                        round,
                        moment,
                        answered,
                        (System.nanoTime() - restart) / 1_000_000,
                        reconciliation.check(new HubClient(hub.port())));
            }
            assertThat(ledger.acknowledged).as("the drill acknowledged uploads").isNotEmpty();
            assertThat(ledger.lookups).as("the drill answered lookups").isNotEmpty();
            assertThat(auditChainBreak(hub))
                    .as("first audit entry that breaks the chain")
                    .isEqualTo(-1);
        }
    }

    /** A first FHIR search, so that the kill falls among lookups rather than during the FHIR model's first use. */
    private static void warmUp(HubProcess hub) {
        HubClient client = new HubClient(hub.port());
        String token = client.accessToken("westgate-gp-system", "demo-secret"); // scheduled care: silent
        assertThat(client.get(
                                "/fhir/R4/CareTeam?patient:identifier=https://fhir.nhs.uk/Id/nhs-number%7C"
                                        + TestNhsNumbers.next(),
                                token)
                        .statusCode())
                .isEqualTo(200);
    }

    /**
     * Seals every entry into the chain and verifies it, from a second node on the same database whose clock stands
     * minutes ahead (entries are sealed once a minute old).
     */
    private static long auditChainBreak(HubProcess hub) {
        try (ConfigurableApplicationContext node = new SpringApplicationBuilder(
                        CpisApplication.class, TestClockConfiguration.class)
                .profiles("test")
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=" + hub.jdbcUrl(),
                        // The same keys as the hub, or every link of its chain would look broken.
                        "--cpis.audit.key-directory=" + hub.keyDirectory(),
                        "--test-clock.start=" + Instant.now().plus(5, ChronoUnit.MINUTES))) {
            Audit audit = node.getBean(Audit.class);
            while (audit.seal() > 0) {
                // until every entry is sealed
            }
            return audit.verify();
        }
    }
}
