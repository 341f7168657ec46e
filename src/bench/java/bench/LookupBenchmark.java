package bench;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.text.ParseException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.cpis.CpisApplication;
import org.cpis.identity.BenchClients;
import org.cpis.shared.OdsCode;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Load benchmark of the health lookup (docs/benchmarks.md, "Lookup load"). Starts the hub in-process on an ephemeral
 * embedded PostgreSQL, loads synthetic visible records through the upload API, then drives {@code GET
 * /fhir/R4/CareTeam} in closed loops over HTTP/1.1 — unscheduled at 16 and 64 clients, silent (scheduled) reads at 16
 * — and compares with a bare JDBC loop doing the same statements on the same database in the same run.
 *
 * <p>Arguments (all optional, {@code name=value}): {@code records=250000 warmup=10 measure=30 perUpload=25000
 * quietWait=180 jitWarmup=180 jitQuietRounds=6
 * sealWait=180 client=nio|jdk|raw runs=unscheduled-16,unscheduled-64,silent-16,bare-pg-16 experiment=none|count-jdbc jfr=none|FILE jfrRun=unscheduled-16|silent-16 abHeaderCheck=0 headerCheck=shipped|ascii-fast-path}; an argument starting with {@code --} is passed on to the hub as a property (to try a setting).
 */
public final class LookupBenchmark {

    static final String CARE_TEAM = "/fhir/R4/CareTeam?patient:identifier=https://fhir.nhs.uk/Id/nhs-number%7C";
    static final String ED_CLIENT = "northfield-ed-system";
    static final String WARM_UP_CLIENT = "bench-warm-up-ed-system";

    // The targets.
    static final double MIN_RATIO_TO_BARE = 0.50;
    static final double MAX_P99_MILLIS_16 = 50;
    static final double MIN_SILENT_PER_SECOND = 2_000; // issue 11

    static final List<String> RUNS = List.of("unscheduled-16", "unscheduled-64", "silent-16", "bare-pg-16");

    private static final Pattern TOTAL = Pattern.compile("\"total\"\\s*:\\s*(\\d+)");

    private LookupBenchmark() {}

    /** A pool of {@code size} connections to the hub's database as the hub's runtime role. */
    static HikariDataSource ownPool(HikariDataSource hubs, int size) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(hubs.getJdbcUrl());
        pool.setUsername(hubs.getUsername());
        pool.setPassword(hubs.getPassword());
        pool.setMaximumPoolSize(size);
        pool.setMinimumIdle(size);
        pool.setPoolName("bench-bare-loop");
        return pool;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("records", "250000");
        options.put("warmup", "10");
        options.put("measure", "30");
        options.put("perUpload", "25000");
        options.put("quietWait", "180");
        options.put("jitWarmup", "180");
        options.put("jitQuietRounds", "6");
        options.put("sealWait", "180");
        options.put("client", "nio");
        options.put("runs", String.join(",", RUNS));
        options.put("experiment", "none");
        options.put("jfr", "none");
        options.put("jfrRun", "unscheduled-16");
        options.put("abHeaderCheck", "0");
        options.put("headerCheck", "shipped");
        List<String> hubArgs = hubArguments(args, options);
        int records = Integer.parseInt(options.get("records"));
        Duration warmup = Duration.ofSeconds(Long.parseLong(options.get("warmup")));
        Duration measure = Duration.ofSeconds(Long.parseLong(options.get("measure")));
        int perUpload = Integer.parseInt(options.get("perUpload"));
        Duration quietWait = Duration.ofSeconds(Long.parseLong(options.get("quietWait")));
        Duration jitWarmup = Duration.ofSeconds(Long.parseLong(options.get("jitWarmup")));
        Duration sealWait = Duration.ofSeconds(Long.parseLong(options.get("sealWait")));
        String client = options.get("client");
        if (!List.of("nio", "jdk", "raw").contains(client)) {
            throw new IllegalArgumentException("client=nio, jdk or raw");
        }
        List<String> runs = List.of(options.get("runs").split(","));
        if (!RUNS.containsAll(runs)) {
            throw new IllegalArgumentException("runs: a comma-separated subset of " + RUNS);
        }

        List<String> report = new ArrayList<>();
        report.add("== cpis lookup load benchmark ==");
        report.add(machine());
        System.out.println(String.join("\n", report));

        long startingAt = System.nanoTime();
        SpringApplicationBuilder hub = new SpringApplicationBuilder(CpisApplication.class);
        for (String experiment : options.get("experiment").split(",")) {
            switch (experiment) {
                case "none" -> {}
                case "count-jdbc" -> hub.initializers(LookupExperiments.countJdbc());
                default -> throw new IllegalArgumentException("experiment=none or count-jdbc");
            }
        }
        ConfigurableApplicationContext context = hub.run(hubArgs.toArray(String[]::new));
        int exit = 0;
        try {
            String port = context.getEnvironment().getProperty("local.server.port");
            String base = "http://localhost:" + port;
            DataSource dataSource = context.getBean(DataSource.class);
            String jdbcUrl = dataSource.unwrap(HikariDataSource.class).getJdbcUrl();
            int poolSize = dataSource.unwrap(HikariDataSource.class).getMaximumPoolSize();
            line(
                    report,
                    "hub arguments: " + String.join(" ", hubArgs) + "; experiment=" + options.get("experiment")
                            + "; load generator: "
                            + switch (client) {
                                case "nio" -> "one-thread selector over keep-alive HTTP/1.1 connections";
                                case "raw" -> "raw-socket HTTP/1.1 client, a thread per client";
                                default -> "java.net.http.HttpClient (HTTP/1.1), a thread per client";
                            });
            line(
                    report,
                    String.format(
                            "hub started in %.1f s on %s; database %s (Hikari pool %d)",
                            (System.nanoTime() - startingAt) / 1e9, base, jdbcUrl, poolSize));

            HttpClient http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
            LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));
            String[] numbers = LookupData.nhsNumbers(records);
            LookupData.Loaded loaded = LookupData.load(http, base, numbers, perUpload, today);
            // As the embedded server's superuser: the URL's own user (the hub's runtime role) would win over a user
            // given beside it, and may not VACUUM the records table.
            try (Connection stats = DriverManager.getConnection(jdbcUrl.replaceFirst("user=[^&]*", "user=postgres"))) {
                line(report, String.format("postgres: %s", scalar(stats, "select version()")));
                long visible = Long.parseLong(scalar(
                        stats,
                        "select count(*) from records.record where start_date <= current_date"
                                + " and visible_until >= current_date"));
                line(
                        report,
                        String.format(
                                "records loaded: %,d through %d uploads in %.1f s (%,.0f rows/s), all ALL_LOADED;"
                                        + " CPP %,d, LAC %,d, UCPP %,d; visible today per the database: %,d",
                                numbers.length,
                                loaded.uploads(),
                                loaded.took().toNanos() / 1e9,
                                numbers.length / (loaded.took().toNanos() / 1e9),
                                loaded.cpp(),
                                loaded.lac(),
                                loaded.ucpp(),
                                visible));
                if (visible != numbers.length) {
                    throw new IllegalStateException("expected every loaded record to be visible");
                }
                scalar(stats, "vacuum analyze records.record");

                TokenSource edToken = new TokenSource(http, base, ED_CLIENT);
                String sample = sample(http, base, edToken.get(), numbers[numbers.length / 2]);
                line(report, "sample CareTeam search: " + sample);

                LookupCounters counters = new LookupCounters(stats);
                String jfr = options.get("jfr");
                Recording[] recording = new Recording[1];
                boolean[] profileNext = new boolean[1];
                LookupRun.Window window = new LookupRun.Window() {
                    @Override
                    public void opened() {
                        LookupExperiments.JDBC_CALLS.clear();
                        LookupExperiments.counting = true;
                        counters.opened();
                        if (profileNext[0]) {
                            try {
                                recording[0] = new Recording(Configuration.getConfiguration("profile"));
                            } catch (IOException | ParseException e) {
                                throw new IllegalStateException(e);
                            }
                            recording[0].start();
                        }
                    }

                    @Override
                    public void closed() {
                        if (recording[0] != null) {
                            recording[0].stop();
                            try {
                                recording[0].dump(Path.of(jfr));
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                            recording[0].close();
                            recording[0] = null;
                            profileNext[0] = false;
                        }
                        counters.closed();
                        LookupExperiments.counting = false;
                    }
                };
                List<LookupRun.Result> results = new ArrayList<>();

                Load load = new Load(client, Integer.parseInt(port), http, base, edToken, numbers, window);
                // The hub's JIT compiles its lookup path under load first; this run is not reported. It looks up as
                // another emergency department, so that the measured windows, like the bare loop, start with no
                // notification of their own organisation open: within the 12-hour grouping window a second access
                // counts on the first notification instead of making one, and after three minutes of warm-up as the
                // same organisation half the measured lookups did that instead of what the bare loop does.
                BenchClients.registerHealthSystem(context, WARM_UP_CLIENT, OdsCode.of("X1B01"));
                Load warmUp = new Load(
                        client,
                        Integer.parseInt(port),
                        http,
                        base,
                        new TokenSource(http, base, WARM_UP_CLIENT),
                        numbers,
                        window);
                line(report, awaitQuiet(counters, quietWait));
                LookupRun.Result jit = warmUp.run(
                        "jit-warm-up",
                        16,
                        jitWarmup,
                        Duration.ofSeconds(1),
                        true,
                        "bench-jit-",
                        () -> LookupCounters.NONE);
                line(
                        report,
                        String.format(
                                "%nJIT warm-up: %.0f s of unscheduled lookups at 16 clients (not reported), %d errors",
                                jitWarmup.toSeconds() + 1.0, jit.errors() + jit.empty()));
                line(report, awaitJitQuiet(warmUp, Integer.parseInt(options.get("jitQuietRounds"))));

                // abHeaderCheck=N: N pairs of runs of each kind at 16 clients, one with the firewall's header check
                // as it ships, one with LookupExperiments.ASCII_FAST_PATH, in ABBA order.
                for (int pair = 0; pair < Integer.parseInt(options.get("abHeaderCheck")); pair++) {
                    for (boolean unscheduled : new boolean[] {true, false}) {
                        for (int k = 0; k < 2; k++) {
                            boolean shipped = (pair + k) % 2 == 0;
                            LookupExperiments.headerCheck(context, shipped);
                            String kind = unscheduled ? "unscheduled-16" : "silent-16";
                            line(report, awaitQuiet(counters, quietWait));
                            LookupRun.Result r = load.run(
                                    kind + (shipped ? "/shipped" : "/ascii-fast-path"),
                                    16,
                                    warmup,
                                    measure,
                                    unscheduled,
                                    unscheduled ? "bench-u16-" : "bench-s16-",
                                    counters::usage);
                            print(report, r);
                            results.add(r);
                        }
                    }
                }
                if (Integer.parseInt(options.get("abHeaderCheck")) > 0
                        || !options.get("headerCheck").equals("shipped")) {
                    LookupExperiments.headerCheck(
                            context, options.get("headerCheck").equals("shipped"));
                }

                boolean profileSilent = options.get("jfrRun").equals("silent-16");
                LookupRun.Result u16 = null;
                LookupRun.Result u64 = null;
                LookupRun.Result s16 = null;
                LookupRun.Result barePg = null;
                if (runs.contains("unscheduled-16")) {
                    line(report, awaitQuiet(counters, quietWait));
                    profileNext[0] = !jfr.equals("none") && !profileSilent;
                    u16 = load.run("unscheduled-16", 16, warmup, measure, true, "bench-u16-", counters::usage);
                    print(report, u16);
                    if (!jfr.equals("none") && !profileSilent) {
                        line(report, "JFR recording of this window (profile settings): " + jfr);
                    }
                    results.add(u16);
                }
                if (runs.contains("unscheduled-64")) {
                    line(report, awaitQuiet(counters, quietWait));
                    u64 = load.run("unscheduled-64", 64, warmup, measure, true, "bench-u64-", counters::usage);
                    print(report, u64);
                    results.add(u64);
                }
                if (runs.contains("silent-16")) {
                    line(report, awaitQuiet(counters, quietWait));
                    profileNext[0] = !jfr.equals("none") && profileSilent;
                    s16 = load.run("silent-16", 16, warmup, measure, false, "bench-s16-", counters::usage);
                    print(report, s16);
                    if (!jfr.equals("none") && profileSilent) {
                        line(report, "JFR recording of this window (profile settings): " + jfr);
                    }
                    results.add(s16);
                }
                if (runs.contains("bare-pg-16")) {
                    // Last, once the hub's audit sealer has caught up with the lookups above, so that the bare loop
                    // does not share the machine with it (the hub's runs do: sealing is part of the hub's steady
                    // state).
                    line(report, awaitSealed(stats, sealWait));
                    line(report, awaitQuiet(counters, quietWait));
                    // Its own pool of one connection per client, the loop's best case: on the hub's pool (10, fewer
                    // than its 16 threads) it waits for connections and does less (2,455 against 2,642 lookups/s).
                    try (HikariDataSource own = ownPool(dataSource.unwrap(HikariDataSource.class), 16)) {
                        LookupBarePostgres bare = new LookupBarePostgres(
                                own,
                                numbers,
                                context.getBeanProvider(JavaMailSender.class).getIfAvailable() != null);
                        barePg =
                                LookupRun.run("bare-pg-16", 16, warmup, measure, bare::worker, window, counters::usage);
                    }
                    print(report, barePg);
                    results.add(barePg);
                }

                // Each run's accesses were recorded as the kind it claims to be.
                line(
                        report,
                        "accesses recorded (trace id prefix: rows, unscheduled): "
                                + accesses(stats, "bench-pg-") + "; " + accesses(stats, "bench-u16-") + "; "
                                + accesses(stats, "bench-u64-") + "; " + accesses(stats, "bench-s16-"));

                boolean clean = results.stream().allMatch(LookupRun.Result::clean);
                line(report, "");
                line(report, "== summary ==");
                line(
                        report,
                        String.format(
                                "%-16s %7s %9s %7s %9s %8s %8s %8s %9s %7s",
                                "run",
                                "clients",
                                "requests",
                                "errors",
                                "req/s",
                                "p50 ms",
                                "p99 ms",
                                "max ms",
                                "req/cpu-s",
                                "others"));
                for (LookupRun.Result r : results) {
                    line(
                            report,
                            String.format(
                                    "%-16s %7d %9d %7d %9.0f %8.2f %8.2f %8.1f %9.0f %7.2f",
                                    r.name(),
                                    r.clients(),
                                    r.requests(),
                                    r.errors() + r.empty(),
                                    r.rate(),
                                    r.percentileMillis(0.50),
                                    r.percentileMillis(0.99),
                                    r.maxMillis(),
                                    r.perCoreSecond(),
                                    r.usage().otherProcesses()));
                }
                line(
                        report,
                        "(req/cpu-s: requests per CPU-second of the hub's JVM and its PostgreSQL; others: cores"
                                + " used by other processes on the machine during the window)");
                if (u16 != null && barePg != null) {
                    double ratio = u16.rate() / barePg.rate();
                    line(
                            report,
                            String.format(
                                    "ratio unscheduled(16) / bare PostgreSQL(16): %.2f (%.0f / %.0f lookups/s); per"
                                            + " CPU-second: %.2f",
                                    ratio, u16.rate(), barePg.rate(), u16.perCoreSecond() / barePg.perCoreSecond()));
                    line(
                            report,
                            verdict(
                                    "unscheduled(16) >= 50% of bare PostgreSQL",
                                    ratio >= MIN_RATIO_TO_BARE, String.format("%.0f%%", ratio * 100)));
                }
                if (u16 != null) {
                    line(
                            report,
                            verdict(
                                    "unscheduled(16) p99 <= 50 ms",
                                    u16.percentileMillis(0.99) <= MAX_P99_MILLIS_16,
                                    String.format("%.1f ms", u16.percentileMillis(0.99))));
                }
                if (s16 != null) {
                    line(
                            report,
                            verdict(
                                    "silent reads >= 2,000/s",
                                    s16.rate() >= MIN_SILENT_PER_SECOND,
                                    String.format("%.0f/s", s16.rate())));
                }
                line(report, verdict("no errors, every search found its record", clean, ""));
                if (!clean) {
                    exit = 1;
                }
            }
        } finally {
            context.close();
        }
        System.out.flush();
        System.exit(exit);
    }

    /**
     * The hub's properties for a benchmark (random port, throw-away database, demo identities, quiet logs) plus any
     * argument starting with {@code --}, to try a configuration change; every other argument is a {@code name=value}
     * over {@code options}' defaults.
     */
    static List<String> hubArguments(String[] args, Map<String, String> options, String... more) {
        List<String> hubArgs = new ArrayList<>(List.of(
                "--server.port=0",
                "--cpis.database.embedded.ephemeral=true",
                "--cpis.identity.demo.enabled=true",
                // The load comes from a few clients; the per-client rate limit would throttle the measurement.
                "--cpis.security.api.requests=1000000000",
                "--logging.level.root=WARN",
                // The request log, one line per request as in production, goes to a file of its own: measured, and
                // kept out of the report.
                "--logging.level.cpis.requests=INFO",
                "--logging.threshold.console=WARN",
                "--logging.file.name=" + requestLog()));
        hubArgs.addAll(List.of(more));
        for (String arg : args) {
            if (arg.startsWith("--")) {
                hubArgs.add(arg);
                continue;
            }
            String[] kv = arg.split("=", 2);
            if (kv.length != 2 || !options.containsKey(kv[0])) {
                throw new IllegalArgumentException("unknown argument " + arg + "; known: " + options.keySet());
            }
            options.put(kv[0], kv[1]);
        }
        return hubArgs;
    }

    /** A fresh file for the hub's log (its request log) in the temporary directory, named in the report. */
    private static String requestLog() {
        try {
            Path file = Files.createTempFile("cpis-bench-hub-", ".log");
            System.out.println("hub log (one line per request): " + file);
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * More unreported 20-second rounds of the warm-up's lookups, at most {@code rounds}, until the JIT compilers'
     * threads used under 2% of a core in one: on a slow machine they were still at 0.12-0.19 of a core after the
     * three-minute warm-up, in the first measured window. (The CompilationMXBean's compile time is elapsed time, which
     * on a loaded machine counts a compiler waiting for a core; the threads' own CPU time does not.)
     */
    static String awaitJitQuiet(Load warmUp, int rounds) throws Exception {
        Duration round = Duration.ofSeconds(20);
        StringBuilder seen = new StringBuilder();
        for (int i = 1; i <= rounds; i++) {
            ThreadCpu before = ThreadCpu.now();
            long start = System.nanoTime();
            warmUp.run("jit-quiet", 16, Duration.ofSeconds(1), round, true, "bench-jit-", () -> LookupCounters.NONE);
            double cores = (double) ThreadCpu.now().compilersSince(before) / (System.nanoTime() - start);
            seen.append(String.format("%s%.3f", i == 1 ? "" : ", ", cores));
            if (cores < 0.02) {
                return String.format("JIT compilers in each further 20 s round (cores): %s; quiet after %d", seen, i);
            }
        }
        return String.format("JIT compilers in each further 20 s round (cores): %s; NOT quiet after %d", seen, rounds);
    }

    /** CareTeam searches for random loaded NHS numbers, from the chosen load generator. */
    record Load(
            String client,
            int port,
            HttpClient http,
            String base,
            TokenSource token,
            String[] numbers,
            LookupRun.Window window) {

        LookupRun.Result run(
                String name,
                int clients,
                Duration warmup,
                Duration measure,
                boolean unscheduled,
                String trace,
                java.util.function.Supplier<LookupCounters.Usage> usage)
                throws Exception {
            if (client.equals("nio")) {
                String host = " HTTP/1.1\r\nHost: localhost:" + port + "\r\nAccept: application/fhir+json\r\n"
                        + (unscheduled
                                ? "NHSD-Session-UUID: 555000000001\r\n" // an unscheduled lookup names its end user
                                : "IsUnscheduledAccessEvent: false\r\n")
                        + "Authorization: Bearer ";
                return LookupNioRun.run(
                        name,
                        port,
                        clients,
                        warmup,
                        measure,
                        (c, sequence) -> ("GET " + CARE_TEAM
                                        + numbers[ThreadLocalRandom.current().nextInt(numbers.length)] + host
                                        + token.get() + "\r\nTraceID: " + trace + c + "-" + sequence + "\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII),
                        window,
                        usage);
            }
            int rawPort = client.equals("raw") ? port : 0;
            return LookupRun.run(
                    name,
                    clients,
                    warmup,
                    measure,
                    w -> fhir(http, rawPort, base, token, numbers, unscheduled, trace + w),
                    window,
                    usage);
        }
    }

    /** A closed-loop worker doing CareTeam searches for random loaded NHS numbers. */
    static LookupRun.Operation fhir(
            HttpClient http,
            int rawPort,
            String base,
            TokenSource token,
            String[] numbers,
            boolean unscheduled,
            String trace) {
        if (rawPort > 0) {
            LookupRawHttp client = new LookupRawHttp(rawPort);
            return sequence -> {
                String nhs = numbers[ThreadLocalRandom.current().nextInt(numbers.length)];
                LookupRawHttp.Response response = unscheduled
                        ? client.get(
                                CARE_TEAM + nhs,
                                "Authorization",
                                "Bearer " + token.get(),
                                "Accept",
                                "application/fhir+json",
                                "TraceID",
                                trace + "-" + sequence,
                                // An unscheduled lookup names its end user (issue 12).
                                "NHSD-Session-UUID",
                                "555000000001")
                        : client.get(
                                CARE_TEAM + nhs,
                                "Authorization",
                                "Bearer " + token.get(),
                                "Accept",
                                "application/fhir+json",
                                "TraceID",
                                trace + "-" + sequence,
                                "IsUnscheduledAccessEvent",
                                "false");
                return outcome(response.status(), response.body());
            };
        }
        return sequence -> {
            String nhs = numbers[ThreadLocalRandom.current().nextInt(numbers.length)];
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + CARE_TEAM + nhs))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token.get())
                    .header("Accept", "application/fhir+json")
                    .header("TraceID", trace + "-" + sequence)
                    .header("NHSD-Session-UUID", "555000000001");
            if (!unscheduled) {
                request.header("IsUnscheduledAccessEvent", "false");
            }
            HttpResponse<String> response = http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
            return outcome(response.statusCode(), response.body());
        };
    }

    private static LookupRun.Outcome outcome(int status, String body) {
        if (status != 200) {
            throw new IllegalStateException("HTTP " + status);
        }
        Matcher total = TOTAL.matcher(body);
        return total.find() && Integer.parseInt(total.group(1)) >= 1 ? LookupRun.Outcome.OK : LookupRun.Outcome.EMPTY;
    }

    /** A client-credentials token, fetched again once it is ten minutes old (they last fifteen). */
    static final class TokenSource {
        private final HttpClient http;
        private final String base;
        private final String clientId;
        private volatile String token;
        private volatile long fetchedAt;

        TokenSource(HttpClient http, String base, String clientId) throws Exception {
            this.http = http;
            this.base = base;
            this.clientId = clientId;
            refresh();
        }

        String get() throws Exception {
            if (System.nanoTime() - fetchedAt > Duration.ofMinutes(10).toNanos()) {
                synchronized (this) {
                    if (System.nanoTime() - fetchedAt > Duration.ofMinutes(10).toNanos()) {
                        refresh();
                    }
                }
            }
            return token;
        }

        private void refresh() throws Exception {
            token = LookupData.token(http, base, clientId);
            fetchedAt = System.nanoTime();
        }
    }

    private static String sample(HttpClient http, String base, String token, String nhs) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(base + CARE_TEAM + nhs))
                        .header("Authorization", "Bearer " + token)
                        .header("TraceID", "bench-sample")
                        .header("IsUnscheduledAccessEvent", "false")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        String body = response.body();
        Matcher total = TOTAL.matcher(body);
        if (response.statusCode() != 200
                || !total.find()
                || Integer.parseInt(total.group(1)) < 1
                || !body.contains("\"resourceType\":\"CareTeam\"")) {
            throw new IllegalStateException("sample search: HTTP " + response.statusCode() + " " + body);
        }
        return String.format(
                "HTTP 200, Bundle total %s, CareTeam entry, %d bytes", total.group(1), body.getBytes().length);
    }

    private static String accesses(Connection c, String prefix) throws Exception {
        return prefix + " "
                + scalar(
                        c,
                        "select count(*) || ', ' || coalesce(string_agg(distinct unscheduled::text, '/'), '-')"
                                + " from lookup.access where trace_id like '" + prefix + "%'");
    }

    static String scalar(Connection c, String sql) throws Exception {
        try (Statement st = c.createStatement()) {
            if (!st.execute(sql)) {
                return "";
            }
            try (ResultSet rs = st.getResultSet()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static void print(List<String> report, LookupRun.Result r) {
        line(report, "");
        line(
                report,
                String.format(
                        "-- %s: %d clients, %.0f s measured after warm-up --", r.name(), r.clients(), r.seconds()));
        line(
                report,
                String.format(
                        "requests %d, errors %d, empty %d, %.0f req/s, latency ms p50 %.2f p90 %.2f p99 %.2f p99.9 %.2f"
                                + " max %.1f mean %.2f",
                        r.requests(),
                        r.errors(),
                        r.empty(),
                        r.rate(),
                        r.percentileMillis(0.50),
                        r.percentileMillis(0.90),
                        r.percentileMillis(0.99),
                        r.percentileMillis(0.999),
                        r.maxMillis(),
                        r.meanMillis()));
        if (r.firstError() != null) {
            line(report, "first error: " + r.firstError());
        }
        line(report, r.usage().summary().strip());
        line(
                report,
                String.format(
                        "efficiency: %.0f requests per CPU-second of the hub's JVM (load generator included) and PostgreSQL",
                        r.perCoreSecond()));
        if (!LookupExperiments.JDBC_CALLS.isEmpty()) {
            line(report, "jdbc calls per request: " + LookupExperiments.jdbcCallsPer(r.requests()));
        }
    }

    /**
     * Waits (up to {@code max}) until other processes on the machine use less than 0.15 of a core over 3 s: on a
     * shared 2-core machine a build or a browser running beside the benchmark would take its CPU.
     */
    static String awaitQuiet(LookupCounters counters, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        double foreign;
        long waited = System.nanoTime();
        while (true) {
            long before = counters.foreignCpu();
            long t = System.nanoTime();
            Thread.sleep(3000);
            foreign = (counters.foreignCpu() - before) / (double) (System.nanoTime() - t);
            if (foreign < 0.15 || System.nanoTime() - deadline > 0) {
                break;
            }
        }
        return String.format(
                "%nother processes on the machine: %.2f cores over the last 3 s (waited %.0f s for quiet)%s",
                foreign,
                (System.nanoTime() - waited) / 1e9 - 3,
                foreign < 0.15 ? "" : " -- NOT QUIET, figures below are disturbed");
    }

    /** Waits (up to {@code max}) until the audit sealer has sealed every entry. */
    private static String awaitSealed(Connection stats, Duration max) throws Exception {
        long start = System.nanoTime();
        long deadline = start + max.toNanos();
        long unsealed;
        String count = """
                select count(*) from audit.event
                 where id > coalesce((select max(event_id) from audit.seal), 0)""";
        while ((unsealed = Long.parseLong(scalar(stats, count))) > 0 && System.nanoTime() - deadline < 0) {
            Thread.sleep(2000);
        }
        return String.format(
                "%naudit entries not yet sealed: %d (waited %.0f s for the sealer)",
                unsealed, (System.nanoTime() - start) / 1e9);
    }

    static String verdict(String target, boolean pass, String value) {
        return String.format("%s  %s%s", pass ? "PASS" : "FAIL", target, value.isEmpty() ? "" : ": " + value);
    }

    static void line(List<String> report, String text) {
        report.add(text);
        System.out.println(text);
    }

    static String machine() {
        String cpu = "?";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse("?");
        } catch (Exception e) {
            // not Linux
        }
        Runtime rt = Runtime.getRuntime();
        return String.format(
                "machine: %d CPUs (%s), %s %s; JVM %s %s, max heap %d MiB, GC %s",
                rt.availableProcessors(),
                cpu,
                System.getProperty("os.name"),
                System.getProperty("os.arch"),
                System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"),
                rt.maxMemory() >> 20,
                ManagementFactory.getGarbageCollectorMXBeans().stream()
                        .map(GarbageCollectorMXBean::getName)
                        .collect(Collectors.joining("/")));
    }
}
