package bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Watches {@code pg_stat_activity} from its own connection while an upload runs and notes, for each statement the
 * upload's transaction runs, when it was first and last seen. Gives a rough split of the upload's time (streaming
 * the file through validation into the COPY, the upsert, storing the acknowledgement) without touching the hub.
 */
final class PhaseSampler implements AutoCloseable {

    /** One phase: a statement seen in a state, from first to last sighting (milliseconds after the request). */
    record Phase(String name, long firstMillis, long lastMillis, int samples) {}

    private static final long INTERVAL_MILLIS = 20;
    private static final String COPY_PHASE = "read + validate + COPY";

    private final Connection connection;
    private final long startNanos;
    private final Map<String, long[]> seen = new LinkedHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile SQLException failure;

    PhaseSampler(DataSource dataSource, long startNanos) throws SQLException {
        this.connection = dataSource.getConnection();
        this.connection.setAutoCommit(true);
        this.startNanos = startNanos;
        this.thread = new Thread(this::run, "bench-phase-sampler");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        try (PreparedStatement statement = connection.prepareStatement("""
                select pid, state, regexp_replace(left(query, 200), '\\s+', ' ', 'g')
                  from pg_stat_activity
                 where datname = current_database() and pid <> pg_backend_pid()
                   and state in ('active', 'idle in transaction') and query not ilike '%scheduled_tasks%'
                """)) {
            while (running) {
                long at = System.nanoTime();
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        String name = rs.getInt(1) + " " + describe(rs.getString(2), rs.getString(3));
                        synchronized (seen) {
                            long[] entry = seen.computeIfAbsent(name, k -> new long[] {at, at, 0});
                            entry[1] = at;
                            entry[2]++;
                        }
                    }
                }
                Thread.sleep(INTERVAL_MILLIS);
            }
        } catch (SQLException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String describe(String state, String query) {
        String q = query.strip().toLowerCase();
        String what;
        if (q.startsWith("copy upload_staging")) {
            what = COPY_PHASE + " into the staging table";
        } else if (q.startsWith("merge into records.record")) {
            what = "merge new and changed plans (staging -> records.record)";
        } else if (q.startsWith("create temp table")) {
            what = "create staging table";
        } else if (q.startsWith("with twice")) {
            what = "remove duplicates from staging";
        } else if (q.startsWith("select nhs_number, mother_nhs_number")
                || q.startsWith("select date_of_birth, end_date")) {
            what = "newborns ending their mothers' plans";
        } else if (q.startsWith("insert into uploads.upload")) {
            what = "store acknowledgement";
        } else if (q.startsWith("insert into uploads.rejection")) {
            what = "store rejections";
        } else if (q.startsWith("insert into audit")) {
            what = "audit entry";
        } else if (q.startsWith("commit")) {
            what = "commit";
        } else {
            what = q.length() > 60 ? q.substring(0, 60) + "..." : q;
        }
        return "idle in transaction".equals(state) ? "(hub's Java, after: " + what + ")" : what;
    }

    List<Phase> stop() throws InterruptedException {
        running = false;
        thread.join(5_000);
        List<Phase> phases = new ArrayList<>();
        synchronized (seen) {
            // Keep the connection that ran the upload (its per-LA lock or its COPY); the hub's other work (scheduled
            // jobs) is not the upload.
            Set<String> uploadPids = new HashSet<>();
            for (String key : seen.keySet()) {
                if (key.contains(" " + COPY_PHASE) || key.contains("cpis-upload")) {
                    uploadPids.add(key.substring(0, key.indexOf(' ')));
                }
            }
            for (Map.Entry<String, long[]> e : seen.entrySet()) {
                String pid = e.getKey().substring(0, e.getKey().indexOf(' '));
                if (!uploadPids.contains(pid)) {
                    continue;
                }
                long[] v = e.getValue();
                phases.add(new Phase(
                        e.getKey().substring(pid.length() + 1),
                        (v[0] - startNanos) / 1_000_000,
                        (v[1] - startNanos) / 1_000_000,
                        (int) v[2]));
            }
        }
        return phases;
    }

    SQLException failure() {
        return failure;
    }

    @Override
    public void close() throws SQLException {
        running = false;
        connection.close();
    }
}
