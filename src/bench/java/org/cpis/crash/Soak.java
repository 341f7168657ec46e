package org.cpis.crash;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cpis.HubClient;
import testsupport.TestNhsNumbers;
import testsupport.UploadFile;

/**
 * The client side of {@code scripts/soak.sh}: open-loop mixed load at a fixed rate (unscheduled FHIR lookups of
 * children on plans, each naming its clinician as the API requires, and an upload of {@code rows} rows every 30 s),
 * and once a minute that minute's latencies, failures by status, uploads, the hub's heap after a full GC
 * ({@code jcmd <pid> GC.run}, then {@code GC.heap_info}) and its resident memory. Drift shows as a rising heap or
 * resident column or rising latencies. Tokens are fetched again every 10 minutes (they last 15).
 *
 * <p>Arguments: hub port, hub pid, lookups per second, minutes, rows per upload.
 */
public final class Soak {

    private static final Pattern USED = Pattern.compile("used (\\d+)K");
    private static final Pattern RESIDENT = Pattern.compile("VmRSS:\\s+(\\d+) kB");

    private final HubClient hub;
    private final int port;
    private final AtomicReference<String> la = new AtomicReference<>();
    private final AtomicReference<String> ed = new AtomicReference<>();
    private final List<String> children = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong sequence = new AtomicLong();
    private final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final AtomicInteger uploadsOk = new AtomicInteger();
    private final AtomicInteger uploadsFailed = new AtomicInteger();
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private Soak(int port) {
        this.port = port;
        this.hub = new HubClient(port);
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        long pid = Long.parseLong(args[1]);
        int rate = Integer.parseInt(args[2]);
        int minutes = Integer.parseInt(args[3]);
        int rows = Integer.parseInt(args[4]);
        new Soak(port).run(pid, rate, minutes, rows);
    }

    private void run(long pid, int rate, int minutes, int rows) throws Exception {
        signIn();
        upload(1_000);
        warmUp();
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(3);
        timer.scheduleAtFixedRate(guarded("lookup", this::lookup), 0, 1_000_000 / rate, TimeUnit.MICROSECONDS);
        timer.scheduleWithFixedDelay(guarded("upload", () -> upload(rows)), 30, 30, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(guarded("sign-in", this::signIn), 10, 10, TimeUnit.MINUTES);
        System.out.println("minute,lookups_ok,failures,failure_statuses,p50_ms,p99_ms,max_ms,uploads_ok,"
                + "uploads_failed,heap_after_full_gc_mb,resident_mb");
        for (int minute = 1; minute <= minutes; minute++) {
            Thread.sleep(60_000);
            report(minute, pid);
        }
        timer.shutdownNow();
    }

    /** A periodic task that throws is never run again: count the error instead and go on. */
    private Runnable guarded(String name, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                failures.computeIfAbsent(name + "-" + e.getClass().getSimpleName(), k -> new LongAdder())
                        .increment();
            }
        };
    }

    /**
     * A minute of closed-loop lookups first, so that the open-loop rate meets a warm hub (JIT, pools) rather than
     * queueing behind its first seconds; not counted.
     */
    private void warmUp() throws Exception {
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (System.nanoTime() < end) {
            lookup();
            Thread.sleep(5);
        }
        Thread.sleep(5_000);
        latencies.clear();
        failures.clear();
    }

    private void signIn() {
        la.set(hub.accessToken("birmingham-case-system", "demo-secret"));
        ed.set(hub.accessToken("northfield-ed-system", "demo-secret"));
    }

    private void lookup() {
        String child = children.get((int) (Math.random() * children.size()));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/fhir/R4/CareTeam?patient:identifier=https://fhir.nhs.uk/Id/nhs-number%7C" + child))
                .header("Authorization", "Bearer " + ed.get())
                .headers(HubClient.endUser(HubClient.END_USER_ID, HubClient.END_USER_NAME))
                .timeout(Duration.ofSeconds(30))
                .build();
        long start = System.nanoTime();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            if (error != null) {
                failures.computeIfAbsent(error.getClass().getSimpleName(), k -> new LongAdder())
                        .increment();
            } else if (response.statusCode() != 200) {
                failures.computeIfAbsent(String.valueOf(response.statusCode()), k -> new LongAdder())
                        .increment();
            } else {
                latencies.add((System.nanoTime() - start) / 1_000);
            }
        });
    }

    private void upload(int rows) {
        List<String> sent = new ArrayList<>();
        UploadFile.Builder file = UploadFile.builder();
        for (int i = 0; i < rows; i++) {
            String child = TestNhsNumbers.next();
            sent.add(child);
            file.row(r -> r.nhsNumber(child));
        }
        int status = hub.upload(la.get(), sequence.incrementAndGet(), file).statusCode();
        if (status == 200 || status == 201) {
            children.addAll(sent);
            uploadsOk.incrementAndGet();
        } else {
            uploadsFailed.incrementAndGet();
        }
    }

    private void report(int minute, long pid) throws Exception {
        List<Long> window;
        synchronized (latencies) {
            window = new ArrayList<>(latencies);
            latencies.clear();
        }
        Collections.sort(window);
        Map<String, Long> statuses = new TreeMap<>();
        failures.forEach((status, count) -> statuses.put(status, count.sumThenReset()));
        statuses.values().removeIf(count -> count == 0);
        long failed = statuses.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf(
                "%d,%d,%d,%s,%.1f,%.1f,%.1f,%d,%d,%d,%d%n",
                minute,
                window.size(),
                failed,
                statuses.toString().replace(", ", ";").replace("{", "").replace("}", ""),
                percentile(window, 0.50),
                percentile(window, 0.99),
                percentile(window, 1.0),
                uploadsOk.getAndSet(0),
                uploadsFailed.getAndSet(0),
                heapAfterFullGc(pid),
                residentMb(pid));
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

    private static long residentMb(long pid) throws Exception {
        Matcher resident = RESIDENT.matcher(Files.readString(Path.of("/proc", String.valueOf(pid), "status")));
        return resident.find() ? Long.parseLong(resident.group(1)) / 1024 : -1;
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        return output;
    }
}
