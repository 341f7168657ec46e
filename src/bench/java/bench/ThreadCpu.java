package bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * CPU time of this JVM's threads by name (Linux {@code /proc/self/task}; empty elsewhere), grouped with the digits
 * taken out of the name, so a step's reading tells the hub's request thread from the JIT compilers, the garbage
 * collector and the benchmark's own HTTP client.
 */
final class ThreadCpu {

    private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ = 100

    private final Map<String, Long> nanosByTask;

    private ThreadCpu(Map<String, Long> nanosByTask) {
        this.nanosByTask = nanosByTask;
    }

    static ThreadCpu now() {
        Map<String, Long> byTask = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    String name = stat.substring(open + 1, close);
                    String[] rest = stat.substring(close + 2).split(" ");
                    long ticks = Long.parseLong(rest[11]) + Long.parseLong(rest[12]); // utime, stime
                    byTask.put(task.getFileName() + " " + name, ticks * NANOS_PER_TICK);
                } catch (IOException | RuntimeException e) {
                    // The thread ended meanwhile.
                }
            }
        } catch (IOException e) {
            return new ThreadCpu(Map.of());
        }
        return new ThreadCpu(byTask);
    }

    /** CPU used since the earlier reading by the JIT compilers' threads (HotSpot's "C1/C2 CompilerThread#"). */
    long compilersSince(ThreadCpu earlier) {
        long sum = 0;
        for (Map.Entry<String, Long> task : nanosByTask.entrySet()) {
            if (task.getKey().contains("CompilerThre")) {
                sum += Math.max(0, task.getValue() - earlier.nanosByTask.getOrDefault(task.getKey(), 0L));
            }
        }
        return sum;
    }

    /** Prints the CPU used since the earlier reading, by thread group, largest first. */
    void printSince(ThreadCpu earlier, PrintStream out, String indent) {
        Map<String, Long> byGroup = new HashMap<>();
        nanosByTask.forEach((task, nanos) -> {
            long delta = nanos - earlier.nanosByTask.getOrDefault(task, 0L);
            if (delta > 0) {
                String group = task.substring(task.indexOf(' ') + 1).replaceAll("[0-9]+", "#");
                byGroup.merge(group, delta, Long::sum);
            }
        });
        byGroup.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(10)
                .forEach(e -> out.printf(Locale.ROOT, "%s%6.2f s  %s%n", indent, e.getValue() / 1e9, e.getKey()));
    }
}
