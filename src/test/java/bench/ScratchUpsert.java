package bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.cpis.records.RecordRules;
import org.cpis.shared.PlanType;
import org.postgresql.PGConnection;

/** Scratch: not delivered. */
public final class ScratchUpsert {
    static String DB = "postgres";

    static final String STAGING = """
            create temp table record_staging (
                line int not null, nhs_number char(10) not null, plan_type varchar(4) not null,
                local_id varchar(50), family_name varchar(100) not null, given_names varchar(100) not null,
                date_of_birth date not null, start_date date not null, end_date date, delete_date date,
                expected_delivery_date date, mother_nhs_number char(10), allocated_worker varchar(254),
                visible_until date not null
            ) on commit drop
            """;

    static final String UPSERT_HEAD = """
            insert into records.record as r
                (la_ods, nhs_number, plan_type, local_id, family_name, given_names, date_of_birth, start_date,
                 end_date, delete_date, expected_delivery_date, mother_nhs_number, allocated_worker, visible_until,
                 last_upload_id, created_at, updated_at)
            select 'E08000025', nhs_number, plan_type, local_id, family_name, given_names, date_of_birth, start_date,
                   end_date, delete_date, expected_delivery_date, mother_nhs_number, allocated_worker, visible_until,
                   gen_random_uuid(), now(), now()
              from record_staging
            """;
    static final String CONFLICT = """
            on conflict (la_ods, nhs_number, plan_type) do update set
                local_id = excluded.local_id,
                family_name = excluded.family_name,
                given_names = excluded.given_names,
                date_of_birth = excluded.date_of_birth,
                start_date = excluded.start_date,
                end_date = case when r.ended_by_child_nhs_number is not null
                                 and (excluded.end_date is null or excluded.end_date > r.end_date)
                                then r.end_date else excluded.end_date end,
                visible_until = case when r.ended_by_child_nhs_number is not null
                                     then least(excluded.visible_until, r.visible_until)
                                     else excluded.visible_until end,
                delete_date = excluded.delete_date,
                expected_delivery_date = excluded.expected_delivery_date,
                mother_nhs_number = excluded.mother_nhs_number,
                allocated_worker = excluded.allocated_worker,
                last_upload_id = excluded.last_upload_id,
                updated_at = excluded.updated_at
            """;
    static final String CHANGED_ONLY = """
             where (r.local_id, r.family_name, r.given_names, r.date_of_birth, r.start_date, r.end_date,
                    r.delete_date, r.expected_delivery_date, r.mother_nhs_number, r.allocated_worker, r.visible_until)
                   is distinct from
                   (excluded.local_id, excluded.family_name, excluded.given_names, excluded.date_of_birth,
                    excluded.start_date, excluded.end_date, excluded.delete_date, excluded.expected_delivery_date,
                    excluded.mother_nhs_number, excluded.allocated_worker, excluded.visible_until)
            """;

    public static void main(String[] args) throws Exception {
        String sharedBuffers = args[0];
        int rows = Integer.parseInt(args[1]);
        List<String> variants = List.of(args).subList(2, args.length);
        Path dir = Files.createTempDirectory("scratch-pg-");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(true)
                .setServerConfig("max_connections", "200")
                .setServerConfig("shared_buffers", sharedBuffers)
                .start()) {
            LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));
            Path file = dir.resolveSibling(dir.getFileName() + ".csv");
            SyntheticUploadFile.write(file, rows, new SyntheticUploadFile.TestNhsNumbers(42L), 2L, today);
            byte[] staging = stagingCsv(file);
            if (System.getenv("COLLATE") != null) {
                try (Connection c = pg.getPostgresDatabase().getConnection();
                        Statement s = c.createStatement()) {
                    s.execute("create database x template template0 encoding 'UTF8' lc_collate '"
                            + System.getenv("COLLATE") + "' lc_ctype '" + System.getenv("COLLATE") + "'");
                }
                DB = "x";
            }
            try (Connection c = pg.getDatabase("postgres", DB).getConnection()) {
                c.setAutoCommit(true);
                String schema = new String(
                        ScratchUpsert.class
                                .getResourceAsStream("/db/migration/records/V2026.11.22.10__records.sql")
                                .readAllBytes(),
                        StandardCharsets.UTF_8);
                try (Statement s = c.createStatement()) {
                    s.execute(schema);
                    s.execute("create table public.bare as table records.record with no data");
                    ResultSet rs = s.executeQuery(
                            "select current_setting('shared_buffers'), datcollate from pg_database where datname = current_database()");
                    rs.next();
                    System.out.println(
                            "shared_buffers=" + rs.getString(1) + " collate=" + rs.getString(2) + " rows=" + rows);
                }
                for (String variant : variants) {
                    run(pg, variant, staging, file);
                }
            }
        }
    }

    static void run(EmbeddedPostgres pg, String variant, byte[] staging, Path file) throws Exception {
        try (Connection c = pg.getDatabase("postgres", DB).getConnection()) {
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                if (variant.startsWith("tb:")) {
                    s.execute("set temp_buffers = '256MB'");
                    variant = variant.substring(3);
                }
                if (variant.startsWith("fill70:")) {
                    s.execute("alter table records.record set (fillfactor = 70)");
                    variant = variant.substring(7);
                } else {
                    s.execute("alter table records.record reset (fillfactor)");
                }
                if (variant.startsWith("noidx:")) {
                    s.execute("drop index if exists records.record_by_nhs_number");
                    s.execute("drop index if exists records.record_by_visible_until");
                    s.execute("drop index if exists records.record_by_local_id");
                    variant = variant.substring(6);
                } else {
                    s.execute("create index if not exists record_by_nhs_number on records.record (nhs_number)");
                    s.execute("create index if not exists record_by_visible_until on records.record (visible_until)");
                    s.execute("create index if not exists record_by_local_id on records.record (la_ods, local_id)");
                }
                boolean again = variant.startsWith("again:");
                if (again) {
                    variant = variant.substring(6);
                } else {
                    s.execute("truncate records.record");
                }
                s.execute("checkpoint");
            }
            c.setAutoCommit(false);
            long t0 = System.nanoTime();
            long t1;
            try (Statement s = c.createStatement()) {
                if (variant.equals("copytable")) {
                    // re-copy directly
                    t1 = System.nanoTime();
                    c.unwrap(PGConnection.class)
                            .getCopyAPI()
                            .copyIn(
                                    "copy records.record (la_ods, nhs_number, plan_type, local_id, family_name,"
                                            + " given_names, date_of_birth, start_date, end_date, delete_date,"
                                            + " expected_delivery_date, mother_nhs_number, allocated_worker,"
                                            + " visible_until, last_upload_id, created_at, updated_at) from stdin"
                                            + " (format csv)",
                                    new ByteArrayInputStream(recordCsv(staging)));
                } else if (variant.equals("bare")) {
                    s.execute("truncate public.bare");
                    t1 = System.nanoTime();
                    c.unwrap(PGConnection.class)
                            .getCopyAPI()
                            .copyIn(
                                    "copy public.bare (la_ods, nhs_number, plan_type, local_id, family_name,"
                                            + " given_names, date_of_birth, start_date, end_date, delete_date,"
                                            + " expected_delivery_date, mother_nhs_number, allocated_worker,"
                                            + " visible_until, last_upload_id, created_at, updated_at) from stdin"
                                            + " (format csv)",
                                    new ByteArrayInputStream(recordCsv(staging)));
                } else {
                    s.execute(STAGING);
                    c.unwrap(PGConnection.class)
                            .getCopyAPI()
                            .copyIn("copy record_staging from stdin (format csv)", new ByteArrayInputStream(staging));
                    t1 = System.nanoTime();
                    String sql = switch (variant) {
                        case "upsert" -> UPSERT_HEAD + CONFLICT;
                        case "ordered" -> UPSERT_HEAD + " order by nhs_number, plan_type " + CONFLICT;
                        case "plain" -> UPSERT_HEAD;
                        case "plainordered" -> UPSERT_HEAD + " order by nhs_number, plan_type";
                        case "changed" -> UPSERT_HEAD + CONFLICT + CHANGED_ONLY;
                        case "orderedchanged" ->
                            UPSERT_HEAD + " order by nhs_number, plan_type " + CONFLICT + CHANGED_ONLY;
                        default -> throw new IllegalArgumentException(variant);
                    };
                    s.execute("explain (analyze, buffers, wal, costs off) " + sql);
                    ResultSet plan = s.getResultSet();
                    StringBuilder text = new StringBuilder();
                    while (plan.next()) {
                        text.append("      ").append(plan.getString(1)).append('\n');
                    }
                    if (System.getenv("PLAN") != null) {
                        System.out.print(text);
                    }
                }
            }
            long t2 = System.nanoTime();
            c.commit();
            long t3 = System.nanoTime();
            System.out.printf(
                    "%-24s staging COPY %.2f s, statement %.2f s, commit %.2f s, total %.2f s%n",
                    variant, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t3 - t0) / 1e9);
        }
    }

    static byte[] recordCsv(byte[] staging) {
        String[] lines = new String(staging, StandardCharsets.UTF_8).split("\n");
        StringBuilder out = new StringBuilder(staging.length + lines.length * 80);
        for (String line : lines) {
            int comma = line.indexOf(',');
            out.append("E08000025,")
                    .append(line, comma + 1, line.length())
                    .append(",3f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0,2026-01-01T00:00:00Z,2026-01-01T00:00:00Z\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] stagingCsv(Path file) throws Exception {
        List<String> lines = Files.readAllLines(file);
        StringBuilder out = new StringBuilder(lines.size() * 140);
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",", -1);
            PlanType type = PlanType.valueOf(f[5]);
            LocalDate dob = LocalDate.parse(f[4]);
            LocalDate end = f[7].isEmpty() ? null : LocalDate.parse(f[7]);
            LocalDate due = f[9].isEmpty() ? null : LocalDate.parse(f[9]);
            LocalDate visible = RecordRules.visibleUntil(type, dob, end, due, null);
            out.append(i + 1).append(',').append(f[0]).append(',').append(f[5]).append(',');
            out.append('"').append(f[1]).append("\",");
            out.append('"').append(f[2]).append("\",");
            out.append('"').append(f[3]).append("\",");
            out.append(f[4]).append(',').append(f[6]).append(',').append(f[7]).append(',');
            out.append(f[8]).append(',').append(f[9]).append(',').append(f[10]).append(',');
            if (!f[11].isEmpty()) {
                out.append('"').append(f[11].toLowerCase()).append('"');
            }
            out.append(',').append(visible).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
