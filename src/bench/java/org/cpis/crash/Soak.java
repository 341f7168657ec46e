package org.cpis.crash;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cpis.HubClient;
import testsupport.TestNhsNumbers;
import testsupport.UploadFile;

/**
 * The client side of {@code scripts/soak.sh}: open-loop mixed load at a fixed rate (unscheduled FHIR lookups of
 * children on plans, an upload of {@code rows} rows every 30 s), and once a minute the latency of that minute and the
 * hub's heap after a full GC ({@code jcmd <pid> GC.run}, then {@code GC.heap_info}). Drift shows as a rising heap
 * column or rising latencies.
 *
 * <p>Arguments: hub port, hub pid, lookups per second, minutes, rows per upload.
 */
public final class Soak {

    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    private Soak() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        long pid = Long.parseLong(args[1]);
        int rate = Integer.parseInt(args[2]);
        int minutes = Integer.parseInt(args[3]);
        int rows = Integer.parseInt(args[4]);
        HubClient hub = new HubClient(port);
        String la = hub.accessToken("birmingham-case-system", "demo-secret");
        String ed = hub.accessToken("northfield-ed-system", "demo-secret");
        List<String> children = Collections.synchronizedList(new ArrayList<>());
        AtomicLong sequence = new AtomicLong();
        upload(hub, la, sequence, children, 1_000);

        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failures = new AtomicInteger();
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
        timer.scheduleAtFixedRate(
                () -> {
                    String child = children.get((int) (Math.random() * children.size()));
                    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                                    + "/fhir/R4/CareTeam?patient:identifier=https://fhir.nhs.uk/Id/nhs-number%7C"
                                    + child))
                            .header("Authorization", "Bearer " + ed)
                            .timeout(Duration.ofSeconds(30))
                            .build();
                    long start = System.nanoTime();
                    http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                            .whenComplete((response, error) -> {
                                if (error != null || response.statusCode() != 200) {
                                    failures.incrementAndGet();
                                } else {
                                    latencies.add((System.nanoTime() - start) / 1_000);
                                }
                            });
                },
                0,
                1_000_000 / rate,
                TimeUnit.MICROSECONDS);
        timer.scheduleWithFixedDelay(() -> upload(hub, la, sequence, children, rows), 30, 30, TimeUnit.SECONDS);

        System.out.println("minute,lookups_ok,failures,p50_ms,p99_ms,max_ms,heap_after_full_gc_mb");
        for (int minute = 1; minute <= minutes; minute++) {
            Thread.sleep(60_000);
            List<Long> window;
            synchronized (latencies) {
                window = new ArrayList<>(latencies);
                latencies.clear();
            }
            Collections.sort(window);
            System.out.printf(
                    "%d,%d,%d,%.1f,%.1f,%.1f,%d%n",
                    minute,
                    window.size(),
                    failures.getAndSet(0),
                    percentile(window, 0.50),
                    percentile(window, 0.99),
                    percentile(window, 1.0),
                    heapAfterFullGc(pid));
        }
        timer.shutdownNow();
    }

    private static void upload(HubClient hub, String token, AtomicLong sequence, List<String> children, int rows) {
        List<String> sent = new ArrayList<>();
        UploadFile.Builder file = UploadFile.builder();
        for (int i = 0; i < rows; i++) {
            String child = TestNhsNumbers.next();
            sent.add(child);
            file.row(r -> r.nhsNumber(child));
        }
        if (hub.upload(token, sequence.incrementAndGet(), file).statusCode() == 200) {
            children.addAll(sent);
        }
    }

    private static double percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1_000.0;
    }

    private static long heapAfterFullGc(long pid) throws Exception {
        run("jcmd", String.valueOf(pid), "GC.run");
        Matcher used = USED.matcher(run("jcmd", String.valueOf(pid), "GC.heap_info"));
        return used.find() ? Long.parseLong(used.group(1)) / 1024 : -1;
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        return output;
    }
}
