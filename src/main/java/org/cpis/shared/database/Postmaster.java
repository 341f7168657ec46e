package org.cpis.shared.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The PostgreSQL server process that {@code postmaster.pid} in a data directory names, if it is still running: its
 * first line is the process id, its second the data directory (PostgreSQL's documented lock-file layout).
 *
 * @param process the running server
 * @param binDirectory the folder of its binaries
 */
record Postmaster(ProcessHandle process, Path binDirectory) {

    static Optional<Postmaster> running(Path dataDirectory) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"), StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (lines.size() < 2 || !lines.get(0).trim().matches("[0-9]{1,10}")) {
            return Optional.empty();
        }
        Optional<ProcessHandle> process =
                ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
        Optional<String> command = process.flatMap(p -> p.info().command());
        // A pid reused by an unrelated process, or a server of another data directory, is not ours to stop.
        if (process.isEmpty()
                || command.isEmpty()
                || !Path.of(command.get()).getFileName().toString().equals("postgres")
                || !sameDirectory(Path.of(lines.get(1).trim()), dataDirectory)) {
            return Optional.empty();
        }
        return Optional.of(new Postmaster(process.get(), Path.of(command.get()).getParent()));
    }

    /**
     * PostgreSQL's fast shutdown (SIGINT): open transactions roll back, the server writes a checkpoint and exits. A
     * signal rather than {@code pg_ctl stop}, which refuses to run as root.
     */
    void stopFast(Duration timeout) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(process.pid()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (kill.waitFor() != 0) {
            process.destroy(); // SIGTERM, the smart shutdown, if kill(1) is missing
        }
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("PostgreSQL (pid " + process.pid() + ") did not stop within " + timeout);
        }
    }

    private static boolean sameDirectory(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }
}
