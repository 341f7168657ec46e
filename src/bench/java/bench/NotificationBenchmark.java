package bench;

import static bench.LookupBenchmark.line;
import static bench.LookupBenchmark.scalar;
import static bench.LookupBenchmark.verdict;

import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.cpis.CpisApplication;
import org.cpis.notifications.Notifications;
import org.cpis.shared.OdsCode;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Notification benchmark (docs/benchmarks.md, "Notifications"). Starts the hub in-process on an ephemeral embedded
 * PostgreSQL and loads synthetic records for two LAs (Birmingham, Leeds). Then:
 *
 * <ol>
 *   <li>Latency under lookup load: 16 clients do unscheduled CareTeam searches back to back (the lookup benchmark's
 *       load) while a probe thread looks up children kept aside for it, one every {@code probeEvery} ms. Birmingham's
 *       case system polls the pull API; for each probe the time from sending the lookup to the poll that first returns
 *       its notification is one sample. Leeds has a webhook to a local receiver; for its probes the sample ends when
 *       the webhook arrives.
 *   <li>Webhook throughput: the receiver holds every request while the lookups create {@code backlog} seconds' worth
 *       of new Leeds notifications, then lets go; the rate at which the backlog arrives is the delivery throughput.
 * </ol>
 *
 * <p>Everything received is checked: nothing missing, nothing duplicated by id, nothing for the other LA, every
 * signature valid. Arguments (optional, {@code name=value}): {@code records=60000 clients=16 warmup=30 measure=60
 * probeEvery=50 pollPause=10 backlog=10 quietWait=180}; an argument starting with {@code --} goes to the hub.
 */
public final class NotificationBenchmark {

    static final double MAX_PULL_P99_MILLIS = 1_000; // the target
    static final OdsCode BIRMINGHAM = new OdsCode("E08000025");
    static final OdsCode LEEDS = new OdsCode("E08000035");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private NotificationBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("records", "60000");
        options.put("clients", "16");
        options.put("warmup", "30");
        options.put("measure", "60");
        options.put("probeEvery", "50");
        options.put("pollPause", "10");
        options.put("backlog", "10");
        options.put("quietWait", "180");
        // The held webhook requests must outlast the backlog phase rather than time out and back off.
        List<String> hubArgs = LookupBenchmark.hubArguments(
                args,
                options,
                "--cpis.notifications.webhook-timeout=120s",
                "--cpis.notifications.webhook-local-addresses-allowed=true");
        int records = Integer.parseInt(options.get("records"));
        int clients = Integer.parseInt(options.get("clients"));
        Duration warmup = Duration.ofSeconds(Long.parseLong(options.get("warmup")));
        Duration measure = Duration.ofSeconds(Long.parseLong(options.get("measure")));
        long probeEvery = Long.parseLong(options.get("probeEvery"));
        long pollPause = Long.parseLong(options.get("pollPause"));
        Duration backlog = Duration.ofSeconds(Long.parseLong(options.get("backlog")));
        Duration quietWait = Duration.ofSeconds(Long.parseLong(options.get("quietWait")));

        List<String> report = new ArrayList<>();
        line(report, "== cpis notification benchmark ==");
        line(report, LookupBenchmark.machine());
        long startingAt = System.nanoTime();
        ConfigurableApplicationContext context =
                new SpringApplicationBuilder(CpisApplication.class).run(hubArgs.toArray(String[]::new));
        int exit = 0;
        try (WebhookReceiver receiver = new WebhookReceiver(LEEDS.value())) {
            String base = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
            String jdbcUrl = context.getBean(DataSource.class)
                    .unwrap(HikariDataSource.class)
                    .getJdbcUrl();
            line(report, "hub arguments: " + String.join(" ", hubArgs) + "; options: " + options);
            line(report, String.format("hub started in %.1f s on %s", (System.nanoTime() - startingAt) / 1e9, base));
            HttpClient http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
            String[] numbers = LookupData.nhsNumbers(records);
            LookupData.Loaded loaded =
                    LookupData.load(http, base, numbers, 25_000, LocalDate.now(ZoneId.of("Europe/London")));
            line(
                    report,
                    String.format(
                            "records loaded: %,d (every other one Birmingham's, the rest Leeds') in %.1f s",
                            numbers.length, loaded.took().toNanos() / 1e9));
            // LookupData gives even positions to Birmingham and odd ones to Leeds. Background load: the first half.
            // Probes: 50-60%. New Leeds children for the backlog: Leeds' share of the last 40%.
            String[] background = Arrays.copyOfRange(numbers, 0, records / 2);
            List<String> birminghamProbes = new ArrayList<>();
            List<String> leedsProbes = new ArrayList<>();
            List<String> leedsFresh = new ArrayList<>();
            for (int i = records / 2; i < records; i++) {
                List<String> to = i < records * 6 / 10
                        ? (i % 2 == 0 ? birminghamProbes : leedsProbes)
                        : i % 2 == 1 ? leedsFresh : null;
                if (to != null) {
                    to.add(numbers[i]);
                }
            }

            Notifications notifications = context.getBean(Notifications.class);
            receiver.secret(
                    notifications.configureWebhook(LEEDS, receiver.url()).secret());
            line(report, "Leeds' webhook: " + receiver.url() + " (Birmingham has none: it pulls)");

            try (Connection stats = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
                scalar(stats, "vacuum analyze records.record");
                LookupCounters counters = new LookupCounters(stats);
                LookupBenchmark.TokenSource ed = new LookupBenchmark.TokenSource(http, base, LookupBenchmark.ED_CLIENT);
                LookupBenchmark.TokenSource birminghamSystem =
                        new LookupBenchmark.TokenSource(http, base, "birmingham-case-system");

                // -- 1. latency under lookup load --
                line(report, LookupBenchmark.awaitQuiet(counters, quietWait));
                FeedPoller poller = new FeedPoller(http, base, birminghamSystem, pollPause);
                Thread pollerThread = new Thread(poller, "bench-pull-api-poller");
                pollerThread.setDaemon(true);
                pollerThread.start();
                long[] window = new long[2];
                Probes probes = new Probes(http, base, ed, birminghamProbes, leedsProbes, probeEvery);
                Thread probeThread = new Thread(probes, "bench-probes");
                probeThread.setDaemon(true);
                probeThread.start();
                LookupRun.Result load = LookupRun.run(
                        "lookup-load",
                        clients,
                        warmup,
                        measure,
                        w -> LookupBenchmark.fhir(http, 0, base, ed, background, true, "bench-nl-" + w),
                        new LookupRun.Window() {
                            @Override
                            public void opened() {
                                window[0] = System.nanoTime();
                                counters.opened();
                            }

                            @Override
                            public void closed() {
                                window[1] = System.nanoTime();
                                counters.closed();
                            }
                        },
                        counters::usage);
                probes.stop.set(true);
                probeThread.join();
                // Let the last probes arrive (the targets are far below these waits).
                awaitTrue(
                        Duration.ofSeconds(30),
                        () -> probes.birmingham.keySet().stream().allMatch(poller.firstByNhs::containsKey));
                awaitTrue(
                        Duration.ofSeconds(60),
                        () -> probes.leeds.keySet().stream().allMatch(receiver.firstByNhs::containsKey));
                poller.stop.set(true);
                pollerThread.join();

                line(report, "");
                line(
                        report,
                        String.format(
                                "-- lookup load: %d clients, %.0f s measured: %,d lookups, %.0f/s, p50 %.1f ms, p99 %.1f"
                                        + " ms, errors %d --",
                                clients,
                                load.seconds(),
                                load.requests(),
                                load.rate(),
                                load.percentileMillis(0.50),
                                load.percentileMillis(0.99),
                                load.errors() + load.empty()));
                line(report, load.usage().summary().strip());
                Latencies pull = Latencies.of(probes.birmingham, poller.firstByNhs, window);
                Latencies hook = Latencies.of(probes.leeds, receiver.firstByNhs, window);
                line(
                        report,
                        String.format(
                                "probes in the window: %d Birmingham, %d Leeds (one every %d ms); probe lookup errors %d",
                                pull.samples(), hook.samples(), probeEvery, probes.errors.get()));
                line(
                        report,
                        "access -> readable by the pull API (polling, " + pollPause + " ms pause when empty): " + pull);
                line(report, "access -> webhook received (the delivery worker polls the database): " + hook);
                long birminghamInDb = notificationsOf(stats, BIRMINGHAM);
                line(
                        report,
                        String.format(
                                "pull API: %,d polls, %,d notifications read, %d repeated ids, %d for another LA;"
                                        + " Birmingham's notifications in the database: %,d",
                                poller.polls.get(),
                                poller.ids.size(),
                                poller.repeats.get(),
                                poller.wrongAuthority.get(),
                                birminghamInDb));
                boolean pullClean = poller.ids.size() == birminghamInDb
                        && poller.repeats.get() == 0
                        && poller.wrongAuthority.get() == 0
                        && pull.missing() == 0;

                // -- 2. webhook throughput --
                awaitTrue(
                        Duration.ofMinutes(5),
                        () -> "0"
                                .equals(scalar(
                                        stats,
                                        "select count(*) from notifications.delivery where status = 'PENDING'")));
                line(report, LookupBenchmark.awaitQuiet(counters, quietWait));
                int before = receiver.firstById.size();
                receiver.hold();
                AtomicInteger next = new AtomicInteger();
                LookupRun.Result burst = LookupRun.run(
                        "backlog",
                        clients,
                        Duration.ZERO,
                        backlog,
                        w -> sequence -> {
                            int i = next.getAndIncrement();
                            if (i >= leedsFresh.size()) {
                                throw new IllegalStateException(
                                        "backlog=" + backlog.toSeconds() + " s needs more records");
                            }
                            return lookup(http, base, ed.get(), leedsFresh.get(i), "bench-nb-" + w + "-" + sequence)
                                    ? LookupRun.Outcome.OK
                                    : LookupRun.Outcome.EMPTY;
                        },
                        new LookupRun.Window() {
                            @Override
                            public void opened() {}

                            @Override
                            public void closed() {}
                        },
                        () -> LookupCounters.NONE);
                long queued = Long.parseLong(
                        scalar(
                                stats,
                                "select count(*) from notifications.delivery where channel = 'WEBHOOK' and status = 'PENDING'"));
                long released = System.nanoTime();
                receiver.release();
                boolean drained = awaitTrue(Duration.ofMinutes(10), () -> receiver.firstById.size() >= before + queued);
                double seconds = (receiver.lastFirstArrival.get() - released) / 1e9;
                line(report, "");
                line(
                        report,
                        String.format(
                                "-- webhook throughput: %,d new Leeds notifications queued by %,d lookups in %d s while"
                                        + " the receiver held the requests it was sent --",
                                queued, next.get(), backlog.toSeconds()));
                line(
                        report,
                        String.format(
                                "backlog delivered in %.1f s after release: %.0f webhooks/s%s",
                                seconds, queued / seconds, drained ? "" : " -- NOT ALL DELIVERED"));
                awaitTrue(
                        Duration.ofMinutes(1),
                        () -> "0"
                                .equals(scalar(
                                        stats,
                                        "select count(*) from notifications.delivery where status = 'PENDING'")));
                String statuses = scalar(
                        stats,
                        "select string_agg(channel || ' ' || status || ' ' || n, ', ') from (select channel, status,"
                                + " count(*) n from notifications.delivery group by 1, 2 order by 1, 2) s");
                line(
                        report,
                        String.format(
                                "receiver: %,d requests, %,d distinct ids, %d repeats, %d bad signatures, %d for another"
                                        + " LA; deliveries in the database: %s",
                                receiver.requests.get(),
                                receiver.firstById.size(),
                                receiver.repeats.get(),
                                receiver.badSignatures.get(),
                                receiver.wrongAuthority.get(),
                                statuses));
                long leedsInDb = notificationsOf(stats, LEEDS);
                boolean hookClean = drained
                        && receiver.firstById.size() == leedsInDb
                        && receiver.badSignatures.get() == 0
                        && receiver.wrongAuthority.get() == 0
                        && hook.missing() == 0
                        && burst.errors() + burst.empty() == 0
                        && load.clean()
                        && probes.errors.get() == 0;

                line(report, "");
                line(report, "== summary ==");
                line(
                        report,
                        verdict(
                                "access -> pull API p99 <= 1 s under lookup load",
                                pull.percentileMillis(0.99) <= MAX_PULL_P99_MILLIS,
                                String.format(
                                        "p50 %.0f ms, p99 %.0f ms",
                                        pull.percentileMillis(0.5), pull.percentileMillis(0.99))));
                line(report, verdict("pull API: every Birmingham notification once, none of Leeds'", pullClean, ""));
                line(
                        report,
                        verdict(
                                "webhooks: every Leeds notification, signed, none of Birmingham's",
                                hookClean,
                                String.format("%.0f webhooks/s from a backlog", queued / seconds)));
                if (!pullClean || !hookClean || !(pull.percentileMillis(0.99) <= MAX_PULL_P99_MILLIS)) {
                    exit = 1;
                }
            }
        } finally {
            context.close();
        }
        System.out.flush();
        System.exit(exit);
    }

    private static long notificationsOf(Connection stats, OdsCode la) throws Exception {
        return Long.parseLong(
                scalar(stats, "select count(*) from notifications.notification where la_ods = '" + la.value() + "'"));
    }

    static boolean lookup(HttpClient http, String base, String token, String nhs, String trace) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(base + LookupBenchmark.CARE_TEAM + nhs))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + token)
                        .header("Accept", "application/fhir+json")
                        .header("TraceID", trace)
                        // An unscheduled lookup names its end user (issue 12), as the lookup load does.
                        .header("NHSD-Session-UUID", "555000000001")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode());
        }
        return !response.body().contains("\"total\":0");
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static boolean awaitTrue(Duration max, Check check) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        while (!check.holds()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** Unscheduled lookups of children nobody else looks up, alternating between the two LAs, at a fixed rate. */
    static final class Probes implements Runnable {
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicLong errors = new AtomicLong();
        final Map<String, Long> birmingham = new ConcurrentHashMap<>();
        final Map<String, Long> leeds = new ConcurrentHashMap<>();
        private final HttpClient http;
        private final String base;
        private final LookupBenchmark.TokenSource token;
        private final List<String> birminghamChildren;
        private final List<String> leedsChildren;
        private final long everyMillis;

        Probes(
                HttpClient http,
                String base,
                LookupBenchmark.TokenSource token,
                List<String> birminghamChildren,
                List<String> leedsChildren,
                long everyMillis) {
            this.http = http;
            this.base = base;
            this.token = token;
            this.birminghamChildren = birminghamChildren;
            this.leedsChildren = leedsChildren;
            this.everyMillis = everyMillis;
        }

        @Override
        public void run() {
            long next = System.nanoTime();
            for (int i = 0; !stop.get(); i++) {
                boolean toBirmingham = i % 2 == 0;
                List<String> children = toBirmingham ? birminghamChildren : leedsChildren;
                if (i / 2 >= children.size()) {
                    errors.incrementAndGet(); // ran out of probe children: use more records
                    return;
                }
                String nhs = children.get(i / 2);
                long sent = System.nanoTime();
                (toBirmingham ? birmingham : leeds).put(nhs, sent);
                try {
                    if (!lookup(http, base, token.get(), nhs, "bench-np-" + i)) {
                        errors.incrementAndGet();
                    }
                } catch (Exception e) {
                    errors.incrementAndGet();
                }
                next += everyMillis * 1_000_000;
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    try {
                        Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }
    }

    /** Birmingham's case system: polls the pull API from cursor 0, at once again after a full page. */
    static final class FeedPoller implements Runnable {
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicLong polls = new AtomicLong();
        final AtomicLong repeats = new AtomicLong();
        final AtomicLong wrongAuthority = new AtomicLong();
        final Set<String> ids = ConcurrentHashMap.newKeySet();
        final Map<String, Long> firstByNhs = new ConcurrentHashMap<>();
        private final HttpClient http;
        private final String base;
        private final LookupBenchmark.TokenSource token;
        private final long pauseMillis;

        FeedPoller(HttpClient http, String base, LookupBenchmark.TokenSource token, long pauseMillis) {
            this.http = http;
            this.base = base;
            this.token = token;
            this.pauseMillis = pauseMillis;
        }

        @Override
        public void run() {
            long cursor = 0;
            while (!stop.get()) {
                try {
                    HttpResponse<String> response = http.send(
                            HttpRequest.newBuilder(
                                            URI.create(base + "/api/v1/notifications?limit=1000&after=" + cursor))
                                    .timeout(Duration.ofSeconds(30))
                                    .header("Authorization", "Bearer " + token.get())
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    long now = System.nanoTime();
                    polls.incrementAndGet();
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("pull API: HTTP " + response.statusCode());
                    }
                    JsonNode page = JSON.readTree(response.body());
                    int size = page.path("notifications").size();
                    for (JsonNode n : page.path("notifications")) {
                        if (!ids.add(n.path("id").asString())) {
                            repeats.incrementAndGet();
                        }
                        if (!BIRMINGHAM.value().equals(n.path("localAuthority").asString())) {
                            wrongAuthority.incrementAndGet();
                        }
                        firstByNhs.putIfAbsent(n.path("child").path("nhsNumber").asString(), now);
                    }
                    cursor = page.path("nextCursor").asLong();
                    if (size < 1000) {
                        Thread.sleep(pauseMillis);
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /** From a probe's lookup being sent to its notification being seen, for probes sent inside the window. */
    record Latencies(long[] sortedNanos, int missing) {

        static Latencies of(Map<String, Long> sent, Map<String, Long> seen, long[] window) {
            List<Long> samples = new ArrayList<>();
            int missing = 0;
            for (Map.Entry<String, Long> probe : sent.entrySet()) {
                Long at = seen.get(probe.getKey());
                if (at == null) {
                    missing++;
                } else if (probe.getValue() - window[0] >= 0 && probe.getValue() - window[1] <= 0) {
                    samples.add(at - probe.getValue());
                }
            }
            return new Latencies(
                    samples.stream().mapToLong(Long::longValue).sorted().toArray(), missing);
        }

        int samples() {
            return sortedNanos.length;
        }

        double percentileMillis(double q) {
            if (sortedNanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(q * sortedNanos.length) - 1;
            return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, index))] / 1e6;
        }

        @Override
        public String toString() {
            return String.format(
                    "p50 %.0f ms, p90 %.0f ms, p99 %.0f ms, max %.0f ms (%d samples, %d never seen)",
                    percentileMillis(0.5),
                    percentileMillis(0.9),
                    percentileMillis(0.99),
                    percentileMillis(1.0),
                    samples(),
                    missing);
        }
    }
}
