package org.cpis.crash;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.cpis.HubClient;
import testsupport.TestNhsNumbers;
import testsupport.UploadFile;

/**
 * Mixed load on one hub until it dies: one LA system uploading files (a few with an invalid line), two ED systems
 * making unscheduled FHIR lookups of children on plans (and now and then of a child on none).
 */
final class CrashLoad {

    private static final String LA = "birmingham-case-system";
    private static final String ED = "northfield-ed-system";
    private static final String SECRET = "demo-secret";

    private final HubClient hub;
    private final CrashLedger ledger;
    private final int round;
    private final Random random;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicInteger requests = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();

    private final boolean uploading;

    CrashLoad(int port, CrashLedger ledger, int round, long seed) {
        this(port, ledger, round, seed, true);
    }

    /** @param uploading whether this load uploads too (one uploader per LA: sequences must arrive in order) */
    CrashLoad(int port, CrashLedger ledger, int round, long seed, boolean uploading) {
        this.uploading = uploading;
        this.hub = new HubClient(port);
        this.ledger = ledger;
        this.round = round;
        this.random = new Random(seed);
    }

    void start() {
        if (uploading) {
            threads.add(started(new Thread(this::uploads, "crash-upload")));
        }
        for (int i = 0; i < 2; i++) {
            int client = i;
            threads.add(started(new Thread(() -> lookups(client), "crash-lookup-" + i)));
        }
    }

    private static Thread started(Thread thread) {
        thread.start();
        return thread;
    }

    /** Stops the clients (the hub is dead by now, so their requests fail) and returns how many were answered. */
    int stop() throws InterruptedException {
        stopped.set(true);
        for (Thread thread : threads) {
            thread.join();
        }
        return requests.get();
    }

    private void uploads() {
        try {
            String token = hub.accessToken(LA, SECRET);
            while (!stopped.get()) {
                List<String> children = new ArrayList<>();
                int rows = 1 + random.nextInt(300);
                UploadFile.Builder file = UploadFile.builder();
                for (int i = 0; i < rows; i++) {
                    String child = TestNhsNumbers.next();
                    children.add(child);
                    file.row(r -> r.nhsNumber(child));
                }
                if (random.nextInt(4) == 0) {
                    file.row(r -> r.nhsNumber("1234567890")); // an invalid check digit: that line is rejected
                }
                CrashLedger.SentFile sent = new CrashLedger.SentFile(ledger.nextSequence(), children);
                ledger.sent.add(sent);
                long start = System.nanoTime();
                HttpResponse<String> ack = hub.upload(token, sent.sequence(), file);
                ledger.answered(ack, (System.nanoTime() - start) / 1_000_000);
                if (ack.statusCode() == 200) {
                    ledger.acknowledged(sent, HubClient.json(ack).get("loaded").asInt());
                    requests.incrementAndGet();
                }
            }
        } catch (UncheckedIOException e) {
            // The hub was killed under the request: its outcome is unknown, which the reconciliation allows for.
            ledger.lostConnection("upload", e);
        } catch (RuntimeException e) {
            ledger.failed(e);
        }
    }

    private void lookups(int client) {
        try {
            String token = hub.accessToken(ED, SECRET);
            for (int n = 0; !stopped.get(); n++) {
                List<String> children = ledger.childrenWithPlans();
                String child = children.isEmpty() || random.nextInt(10) == 0
                        ? TestNhsNumbers.next()
                        : children.get(random.nextInt(children.size()));
                String traceId = "crash-" + round + "-" + client + "-" + n;
                long start = System.nanoTime();
                HttpResponse<String> response = hub.get(
                        "/fhir/R4/CareTeam?patient:identifier=https://fhir.nhs.uk/Id/nhs-number%7C" + child,
                        token,
                        "TraceID",
                        traceId,
                        "IsUnscheduledAccessEvent",
                        "true");
                ledger.answered(response, (System.nanoTime() - start) / 1_000_000);
                if (response.statusCode() == 200) {
                    int total = HubClient.json(response).get("total").asInt();
                    ledger.lookups.add(new CrashLedger.AnsweredLookup(traceId, child, total));
                    requests.incrementAndGet();
                }
            }
        } catch (UncheckedIOException e) {
            // As above: the hub died.
            ledger.lostConnection("lookup", e);
        } catch (RuntimeException e) {
            ledger.failed(e);
        }
    }
}
