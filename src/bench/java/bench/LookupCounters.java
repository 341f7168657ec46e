package bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where the machine's time and the database's work went during a measured window: CPU of the hub's JVM by kind of
 * thread, of the PostgreSQL processes and of the whole machine (from /proc), and PostgreSQL's own statistics divided
 * by the lookups (rows inserted into lookup.access) done in the window.
 */
final class LookupCounters implements LookupRun.Window {

    private static final long TICK_NANOS = 10_000_000L; // USER_HZ = 100 on Linux

    private final Connection stats;
    private final long postmaster;
    private Snapshot before;
    private Snapshot after;

    LookupCounters(Connection stats) throws SQLException {
        this.stats = stats;
        try (Statement st = stats.createStatement();
                ResultSet rs = st.executeQuery("select pg_backend_pid()")) {
            rs.next();
            this.postmaster = parentOf(rs.getLong(1));
        }
    }

    private record Snapshot(
            long wallNanos,
            long processCpuNanos,
            Map<Long, String> threadKind,
            Map<Long, Long> threadCpu,
            long postgresCpuNanos,
            long postgresSystemNanos,
            Map<Long, String> postgresKind,
            Map<Long, Long> postgresPidCpu,
            long jvmSystemNanos,
            long machineBusyNanos,
            long machineSystemNanos,
            Map<String, Long> pg) {}

    @Override
    public void opened() {
        before = snapshot();
    }

    @Override
    public void closed() {
        after = snapshot();
    }

    /**
     * @param summary two lines on the last window
     * @param cores CPU used by the hub's JVM (load generator included) and its PostgreSQL, in cores
     * @param otherProcesses CPU used by everything else on the machine, in cores
     */
    record Usage(String summary, double cores, double otherProcesses) {}

    static final Usage NONE = new Usage("", 0, 0);

    /** The last window. */
    Usage usage() {
        if (before == null || after == null) {
            return NONE;
        }
        double wall = (after.wallNanos - before.wallNanos) / 1e9;
        StringBuilder s = new StringBuilder();
        s.append(String.format(
                "cpu (cores busy): machine %.2f, hub JVM %.2f [",
                (after.machineBusyNanos - before.machineBusyNanos) / 1e9 / wall,
                (after.processCpuNanos - before.processCpuNanos) / 1e9 / wall));
        // A thread's time counts if it lived to the end of the window (all of it if it started in the window).
        Map<String, Long> byKind = new LinkedHashMap<>();
        for (String kind : new String[] {"tomcat", "load-gen", "other"}) {
            byKind.put(kind, 0L);
        }
        long threads = 0;
        for (Map.Entry<Long, Long> t : after.threadCpu.entrySet()) {
            long d = t.getValue() - before.threadCpu.getOrDefault(t.getKey(), 0L);
            threads += d;
            byKind.merge(after.threadKind.get(t.getKey()), d, Long::sum);
        }
        for (Map.Entry<String, Long> k : byKind.entrySet()) {
            s.append(String.format("%s %.2f, ", k.getKey(), k.getValue() / 1e9 / wall));
        }
        long jvm = after.processCpuNanos - before.processCpuNanos;
        long postgres = after.postgresCpuNanos - before.postgresCpuNanos;
        long machine = after.machineBusyNanos - before.machineBusyNanos;
        s.append(String.format(
                "gc+jit+vm %.2f], hub's postgres %.2f [%s], other processes %.2f%n",
                Math.max(0, jvm - threads) / 1e9 / wall,
                postgres / 1e9 / wall,
                postgresByKind(wall),
                Math.max(0, machine - jvm - postgres) / 1e9 / wall));
        // Kernel time (system calls, the loopback network, scheduling): the part a Java profiler does not see.
        s.append(String.format(
                "of which in the kernel: hub JVM %.2f, hub's postgres %.2f, machine %.2f (incl. interrupts)%n",
                (after.jvmSystemNanos - before.jvmSystemNanos) / 1e9 / wall,
                (after.postgresSystemNanos - before.postgresSystemNanos) / 1e9 / wall,
                (after.machineSystemNanos - before.machineSystemNanos) / 1e9 / wall));
        double lookups = delta("lookup.access.ins");
        if (lookups > 0) {
            s.append(String.format("per lookup (PostgreSQL statistics): commits %.2f", delta("xact_commit") / lookups));
            for (String kind : new String[] {"idx", "ins", "upd"}) {
                s.append(kind.equals("idx") ? "; index scans" : kind.equals("ins") ? "; rows inserted" : "; updated");
                after.pg.keySet().stream()
                        .filter(k -> k.endsWith("." + kind) && !k.startsWith("all.") && delta(k) / lookups >= 0.01)
                        .sorted()
                        .forEach(k -> s.append(String.format(
                                " %s %.2f", k.substring(0, k.length() - kind.length() - 1), delta(k) / lookups)));
            }
            s.append(String.format(" (audit.event updates are the sealer's)%n"));
        }
        return new Usage(
                s.toString(), (jvm + postgres) / 1e9 / wall, Math.max(0, machine - jvm - postgres) / 1e9 / wall);
    }

    /**
     * The PostgreSQL processes' CPU by kind (client backends, autovacuum, other background processes), per process
     * so that one that ends or starts within the window is counted for its part in it.
     */
    private String postgresByKind(double wall) {
        Map<String, Long> byKind = new LinkedHashMap<>();
        for (String kind : new String[] {"backends", "autovacuum", "background"}) {
            byKind.put(kind, 0L);
        }
        after.postgresPidCpu.forEach((pid, cpu) -> byKind.merge(
                after.postgresKind.get(pid), cpu - before.postgresPidCpu.getOrDefault(pid, 0L), Long::sum));
        StringBuilder s = new StringBuilder();
        byKind.forEach((kind, cpu) ->
                s.append(s.isEmpty() ? "" : ", ").append(String.format("%s %.2f", kind, cpu / 1e9 / wall)));
        return s.toString();
    }

    private double delta(String key) {
        return after.pg.getOrDefault(key, 0L) - before.pg.getOrDefault(key, 0L);
    }

    private Snapshot snapshot() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<Long, String> kinds = new HashMap<>();
        Map<Long, Long> cpus = new HashMap<>();
        long[] ids = mx.getAllThreadIds();
        ThreadInfo[] infos = mx.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] == null) {
                continue;
            }
            long cpu = mx.getThreadCpuTime(ids[i]);
            if (cpu < 0) {
                continue;
            }
            String name = infos[i].getThreadName();
            String kind = name.startsWith("http-nio")
                    ? "tomcat"
                    : name.startsWith("bench-") || name.startsWith("HttpClient") ? "load-gen" : "other";
            kinds.put(ids[i], kind);
            cpus.put(ids[i], cpu);
        }
        long process = processCpu();
        return new Snapshot(
                System.nanoTime(),
                process,
                kinds,
                cpus,
                postgresCpu(),
                postgresSystem,
                Map.copyOf(postgresKind),
                Map.copyOf(postgresPidCpu),
                systemTicks(Path.of("/proc/self/stat")) * TICK_NANOS,
                machineBusy(),
                machineSystem(),
                pgStats());
    }

    private Map<String, Long> pgStats() {
        Map<String, Long> pg = new HashMap<>();
        try (Statement st = stats.createStatement()) {
            try (ResultSet rs =
                    st.executeQuery("select xact_commit from pg_stat_database where datname = current_database()")) {
                rs.next();
                pg.put("xact_commit", rs.getLong(1));
            }
            try (ResultSet rs = st.executeQuery("""
                    select schemaname || '.' || relname, seq_scan, coalesce(idx_scan, 0), n_tup_ins, n_tup_upd
                      from pg_stat_user_tables
                    """)) {
                while (rs.next()) {
                    String table = rs.getString(1);
                    pg.put(table + ".seq", rs.getLong(2));
                    pg.put(table + ".idx", rs.getLong(3));
                    pg.put(table + ".ins", rs.getLong(4));
                    pg.put(table + ".upd", rs.getLong(5));
                    pg.merge("all.ins", rs.getLong(4), Long::sum);
                }
            }
        } catch (SQLException e) {
            pg.put("error", 1L);
        }
        return pg;
    }

    /** The CPU time of this other process, used to tell how quiet the machine is. */
    long foreignCpu() {
        return machineBusy() - postgresCpu() - processCpu();
    }

    static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long parentOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private long postgresSystem;
    private final Map<Long, String> postgresKind = new HashMap<>();
    private final Map<Long, Long> postgresPidCpu = new HashMap<>();

    /**
     * utime + stime of the hub's PostgreSQL: its postmaster and the postmaster's children (stime alone is left in
     * {@code postgresSystem}).
     */
    long postgresCpu() {
        long ticks = 0;
        long system = 0;
        postgresKind.clear();
        postgresPidCpu.clear();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String pid = p.getFileName().toString();
                if (!pid.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    String[] f = stat.substring(close + 2).split(" ");
                    if (!stat.substring(open + 1, close).equals("postgres")
                            || (Long.parseLong(pid) != postmaster && Long.parseLong(f[1]) != postmaster)) {
                        continue;
                    }
                    long cpu = Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15
                    ticks += cpu;
                    system += Long.parseLong(f[12]);
                    // PostgreSQL sets its processes' titles: "postgres: user db host(port) state" for a client's.
                    String title = Files.readString(p.resolve("cmdline"));
                    postgresPidCpu.put(Long.parseLong(pid), cpu * TICK_NANOS);
                    postgresKind.put(
                            Long.parseLong(pid),
                            title.contains("autovacuum")
                                    ? "autovacuum"
                                    : title.contains("(") ? "backends" : "background");
                } catch (IOException | RuntimeException e) {
                    // the process went away
                }
            }
        } catch (IOException e) {
            return 0;
        }
        postgresSystem = system * TICK_NANOS;
        return ticks * TICK_NANOS;
    }

    private static long systemTicks(Path stat) {
        try {
            String s = Files.readString(stat);
            return Long.parseLong(s.substring(s.lastIndexOf(')') + 2).split(" ")[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** All CPUs' system, interrupt and soft-interrupt time since boot. */
    static long machineSystem() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            return (Long.parseLong(f[3]) + Long.parseLong(f[6]) + Long.parseLong(f[7])) * TICK_NANOS;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** All CPUs' non-idle time since boot. */
    static long machineBusy() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) {
                if (i != 4 && i != 5) { // idle, iowait
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy * TICK_NANOS;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
