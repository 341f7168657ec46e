package org.cpis.crash;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cpis.HubClient;

/**
 * The client side of {@code scripts/patroni-rehearsal.sh}: mixed load on two hub nodes while the script fails the
 * PostgreSQL primary, then the crash drill's reconciliation and a timeline of what clients saw.
 *
 * <p>Arguments: hub A port (uploads and lookups), hub B port (lookups), JDBC URL of the primary (with user and
 * password), seconds to run, file in which the script writes the fault's time (epoch milliseconds).
 */
public final class FailoverDrill {

    private FailoverDrill() {}

    public static void main(String[] args) throws Exception {
        int hubA = Integer.parseInt(args[0]);
        int hubB = Integer.parseInt(args[1]);
        String jdbcUrl = args[2];
        long seconds = Long.parseLong(args[3]);
        Path faultFile = Path.of(args[4]);

        CrashLedger ledger = new CrashLedger();
        CrashLoad onA = new CrashLoad(hubA, ledger, 1, 1, true);
        CrashLoad onB = new CrashLoad(hubB, ledger, 2, 2, false);
        onA.start();
        onB.start();
        Thread.sleep(seconds * 1000);
        onA.stop();
        onB.stop();

        long fault = Files.exists(faultFile)
                ? Long.parseLong(Files.readString(faultFile).trim())
                : 0;
        long errors500 = report(ledger, fault);
        System.out.println("Reconciliation: " + new CrashReconciliation(ledger, jdbcUrl).check(new HubClient(hubA)));
        if (errors500 > 0) {
            throw new AssertionError(errors500 + " responses were 5xx other than 503 with Retry-After");
        }
        System.out.println("RESULT: PASS (nothing acknowledged lost, nothing half-applied, no duplicates)");
    }

    private static long report(CrashLedger ledger, long fault) {
        List<CrashLedger.Answer> answers = ledger.timeline;
        System.out.println("Responses by status: " + ledger.statuses);
        System.out.println("Client failures: " + ledger.failures);
        if (fault == 0) {
            System.out.println("No fault time recorded");
            return 0;
        }
        long firstError = -1;
        long lastError = -1;
        long slowest = 0;
        for (CrashLedger.Answer a : answers) {
            if (a.at() < fault) {
                continue;
            }
            if (a.status() != 200) {
                firstError = firstError < 0 ? a.at() - fault : firstError;
                lastError = a.at() - fault;
            } else {
                slowest = Math.max(slowest, a.millis());
            }
        }
        long recovered = fault + Math.max(lastError, 0);
        long firstOkAfterErrors = answers.stream()
                .filter(a -> a.at() > recovered && a.status() == 200)
                .mapToLong(a -> a.at() - fault)
                .min()
                .orElse(-1);
        long after = answers.stream().filter(a -> a.at() >= fault).count();
        // A 503 without Retry-After does not tell the client when to come back: counted with the 500s.
        long errors500 = answers.stream()
                .filter(a -> a.status() >= 500 && (a.status() != 503 || !a.retryAfter()))
                .count();
        long unavailable = answers.stream()
                .filter(a -> a.status() == 503 && a.retryAfter())
                .count();
        System.out.printf(
                "After the fault: %d responses; first non-200 at +%d ms, last at +%d ms; first 200 after the last"
                        + " non-200 at +%d ms; slowest 200 after the fault %d ms; 503 with Retry-After: %d;"
                        + " other 5xx (or 503 without Retry-After): %d%n",
                after, firstError, lastError, firstOkAfterErrors, slowest, unavailable, errors500);
        return errors500;
    }
}
