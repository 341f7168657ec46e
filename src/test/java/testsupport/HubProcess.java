package testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The hub as an operator runs it: its own JVM ({@code java -cp <this test run's classpath> org.cpis.CpisApplication}),
 * the embedded PostgreSQL in a data folder that outlives it, on fixed ports. {@link #kill()} is a real SIGKILL.
 */
public final class HubProcess implements AutoCloseable {

    /**
     * Generous: on this shared 2-core machine a restart took up to 117 s at load average ~50 (22-kill drill,
     * 2026-11-30), against 20-30 s at load ~15. {@code -Dcpis.hub.start-timeout-seconds=...} changes it.
     */
    private static final Duration START_TIMEOUT =
            Duration.ofSeconds(Long.getLong("cpis.hub.start-timeout-seconds", 300));

    private final Path dataDirectory;
    private final Path log;
    private final int port;
    private final int databasePort;
    private final List<String> extraArguments;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;

    public HubProcess(Path work, String... extraArguments) {
        this.dataDirectory = work.resolve("postgres");
        this.log = work.resolve("hub.log");
        this.port = freePort();
        this.databasePort = freePort();
        this.extraArguments = List.of(extraArguments);
    }

    public int port() {
        return port;
    }

    /** The embedded PostgreSQL's JDBC URL (user postgres, no password), for reconciling straight from the tables. */
    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + databasePort + "/cpis?user=postgres";
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** The audit keys the hub generates (the embedded default keeps them out of the database). */
    public Path keyDirectory() {
        return dataDirectory.resolveSibling(dataDirectory.getFileName() + "-keys");
    }

    /** Starts the hub and waits until it is ready; fails with the end of its log if it exits or never gets ready. */
    public HubProcess start() {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                classpath(),
                "org.cpis.CpisApplication",
                "--server.port=" + port,
                "--cpis.database.embedded.data-directory=" + dataDirectory,
                "--cpis.database.embedded.port=" + databasePort,
                // The audit keys beside its data, where another node of the test can find them (not ./data/keys).
                "--cpis.audit.key-directory=" + keyDirectory(),
                "--cpis.identity.demo.enabled=true",
                "--server.shutdown=immediate"));
        command.addAll(extraArguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // An external database in the test run's environment must not reach the child: it runs the embedded default.
        builder.environment().remove("SPRING_DATASOURCE_URL");
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitReady();
        return this;
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "The hub exited with " + process.exitValue() + " while starting:\n" + logTail());
            }
            if (ready()) {
                return;
            }
            sleep(250);
        }
        throw new IllegalStateException("The hub did not get ready in " + START_TIMEOUT + ":\n" + logTail());
    }

    public boolean ready() {
        try {
            HttpResponse<Void> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or stopped; the embedded PostgreSQL is left running. */
    public void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    /** SIGTERM: the hub's graceful shutdown, which stops the embedded PostgreSQL too. */
    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            waitForExit();
        }
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    /** The PostgreSQL server process {@code postmaster.pid} names, if it is running. */
    public Optional<ProcessHandle> postmaster() {
        try {
            Path pidFile = dataDirectory.resolve("postmaster.pid");
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            String first = Files.readAllLines(pidFile, StandardCharsets.US_ASCII)
                    .get(0)
                    .trim();
            return ProcessHandle.of(Long.parseLong(first)).filter(ProcessHandle::isAlive);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops the hub and, if a kill left one, its PostgreSQL, so that no test leaves processes behind. */
    @Override
    public void close() {
        stop();
        postmaster().ifPresent(p -> {
            p.destroy(); // SIGTERM: PostgreSQL's smart shutdown; its clients are gone.
            p.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
        });
    }

    private void waitForExit() {
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String classpath() {
        // Surefire and failsafe put the real test classpath here; java.class.path may be their manifest-only jar,
        // which works too.
        String testClasspath = System.getProperty("surefire.test.class.path");
        return testClasspath != null && !testClasspath.isBlank()
                ? testClasspath
                : System.getProperty("java.class.path");
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
