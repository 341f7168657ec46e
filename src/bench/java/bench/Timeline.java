package bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * With {@code -Dbench.timeline=DIR}, each run's samples as {@code RUN.csv} in DIR: when each response ended (ms after
 * the window opened) and its latency (µs), in the order they ended. For finding when in a window the slow requests
 * came (docs/decisions.md, "Speed budget"); the run's own figures do not depend on it.
 */
final class Timeline {

    private Timeline() {}

    static void write(String run, long windowStart, long[] ends, long[] latencies, int count) {
        String directory = System.getProperty("bench.timeline");
        if (directory == null) {
            return;
        }
        try (PrintWriter out =
                new PrintWriter(Files.newBufferedWriter(Path.of(directory).resolve(run + ".csv")))) {
            out.println("ended_ms,latency_us");
            for (int i = 0; i < count; i++) {
                out.println((ends[i] - windowStart) / 1_000_000 + "," + latencies[i] / 1_000);
            }
        } catch (IOException e) {
            System.err.println("timeline not written: " + e.getMessage());
        }
    }
}
