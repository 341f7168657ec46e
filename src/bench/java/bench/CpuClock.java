package bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time used so far by this JVM (the hub runs in it), by all PostgreSQL processes and by the whole machine (Linux
 * {@code /proc}; zero elsewhere), plus this JVM's garbage-collection time: a step's share of each is the difference
 * of two readings. What the machine used beyond the JVM and PostgreSQL is other processes' work, which slows a step
 * down on a small machine.
 */
record CpuClock(long jvmCpuNanos, long postgresCpuNanos, long machineCpuNanos, long gcMillis) {

    private static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux

    static CpuClock now() {
        long jvm = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime()
                : 0;
        long gc = 0;
        for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            gc += Math.max(0, bean.getCollectionTime());
        }
        return new CpuClock(jvm, readPostgresCpuNanos(), readMachineCpuNanos(), gc);
    }

    CpuClock since(CpuClock earlier) {
        return new CpuClock(
                jvmCpuNanos - earlier.jvmCpuNanos,
                postgresCpuNanos - earlier.postgresCpuNanos,
                machineCpuNanos - earlier.machineCpuNanos,
                gcMillis - earlier.gcMillis);
    }

    /** CPU used by processes other than this JVM and PostgreSQL (never negative; /proc counts in 10 ms ticks). */
    long otherCpuNanos() {
        return Math.max(0, machineCpuNanos - jvmCpuNanos - postgresCpuNanos);
    }

    /** The 1-minute load average, or -1 where unknown. */
    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static long readMachineCpuNanos() {
        try {
            // cpu  user nice system idle iowait irq softirq steal ...: everything but idle and iowait is busy.
            String[] fields =
                    Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < Math.min(fields.length, 9); i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(fields[i]);
                }
            }
            return busy * (1_000_000_000L / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long readPostgresCpuNanos() {
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) {
            return 0;
        }
        long ticks = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc, "[0-9]*")) {
            for (Path entry : entries) {
                try {
                    String stat = Files.readString(entry.resolve("stat"));
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    if (open < 0
                            || close < 0
                            || !stat.substring(open + 1, close).equals("postgres")) {
                        continue;
                    }
                    // Fields after the command: state is field 3; utime and stime are fields 14 and 15.
                    String[] fields = stat.substring(close + 2).split(" ");
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                } catch (IOException | RuntimeException e) {
                    // The process ended while we looked; it no longer counts.
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return ticks * (1_000_000_000L / TICKS_PER_SECOND);
    }
}
