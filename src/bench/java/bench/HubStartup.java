package bench;

import com.zaxxer.hikari.HikariDataSource;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * A second hub as an operator runs it, in a JVM of its own ({@code java -cp … org.cpis.CpisApplication}, no heap
 * option: the JVM's defaults) on the benchmark's full database: the time from launching the process to its readiness
 * probe answering 200, the time Spring reports, and the process's own resident memory ({@code VmRSS}) after it has
 * served every national report page once (its embedded PostgreSQL is the benchmark's, a separate process).
 */
final class HubStartup {

    private HubStartup() {}

    static void time(List<String> report, DataSource data) throws Exception {
        String url = data.unwrap(HikariDataSource.class).getJdbcUrl();
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Path.of("target", "national-scale-second-hub.log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                classpath(),
                "org.cpis.CpisApplication",
                "--server.port=" + port,
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=postgres",
                "--db-scheduler.enabled=false",
                "--cpis.identity.demo.enabled=true",
                "--logging.level.root=WARN",
                "--logging.level.org.cpis.CpisApplication=INFO"));
        long s = System.nanoTime();
        Process hub = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            String base = "http://localhost:" + port;
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(2))
                    .build();
            while (!ready(http, base)) {
                if (!hub.isAlive() || NationalScaleBenchmark.secs(s) > 180) {
                    throw new IllegalStateException("the second hub did not start; see " + log);
                }
                Thread.sleep(100);
            }
            double took = NationalScaleBenchmark.secs(s);
            Matcher spring = Pattern.compile("Started CpisApplication in ([0-9.]+) seconds")
                    .matcher(Files.readString(log));
            NationalScaleBenchmark.line(
                    report,
                    String.format(
                            "start-up of a hub process on the full database: %.1f s from launch to ready (Spring:"
                                    + " started in %s s) %s",
                            took, spring.find() ? spring.group(1) : "?", took <= 15 ? "PASS" : "FAIL"));
            HttpClient admin = NationalScaleBenchmark.signIn(base, "admin");
            for (String path : List.of(
                    "notifications",
                    "accesses",
                    "review-times",
                    "uploads",
                    "rejection-reasons",
                    "nhs-numbers",
                    "records")) {
                admin.send(
                        HttpRequest.newBuilder(URI.create(base + "/reports/" + path))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
            }
            String rss = Files.readAllLines(Path.of("/proc/" + hub.pid() + "/status")).stream()
                    .filter(l -> l.startsWith("VmRSS"))
                    .findFirst()
                    .orElse("VmRSS: ?")
                    .replaceAll("\\s+", " ");
            long kb = Long.parseLong(rss.replaceAll("[^0-9]", ""));
            NationalScaleBenchmark.line(
                    report,
                    String.format(
                            "resident memory of that hub process after serving every national report page: %s (%,d"
                                    + " MB) %s",
                            rss, kb >> 10, kb <= 1024 * 1024 ? "PASS" : "FAIL"));
        } finally {
            hub.destroy();
            hub.waitFor();
        }
    }

    private static boolean ready(HttpClient http, String base) throws InterruptedException {
        try {
            return http.send(
                                    HttpRequest.newBuilder(URI.create(base + "/actuator/health/readiness"))
                                            .timeout(Duration.ofSeconds(5))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** exec:java runs the benchmark in a class loader of the project's classpath; java.class.path is Maven's. */
    private static String classpath() {
        List<String> entries = new ArrayList<>();
        for (ClassLoader l = Thread.currentThread().getContextClassLoader(); l != null; l = l.getParent()) {
            if (l instanceof URLClassLoader urls) {
                for (URL u : urls.getURLs()) {
                    if ("file".equals(u.getProtocol())) {
                        entries.add(new File(URI.create(u.toString())).getPath());
                    }
                }
            }
        }
        return entries.isEmpty() ? System.getProperty("java.class.path") : String.join(File.pathSeparator, entries);
    }
}
