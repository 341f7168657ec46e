package bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.postgresql.PGConnection;

/** Scratch, not delivered. */
public final class ScratchIndexes {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        Path dir = Files.createTempDirectory("scratch-pg-");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder()
                        .setDataDirectory(dir)
                        .setCleanDataDirectory(true)
                        .setServerConfig("max_connections", "200")
                        .start();
                Connection c = pg.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute(new String(
                    ScratchIndexes.class
                            .getResourceAsStream("/db/migration/records/V2026.11.22.10__records.sql")
                            .readAllBytes(),
                    StandardCharsets.UTF_8));
            String[][] variants = {
                {"plain (no index, no constraint)", ""},
                {"+ primary key", "pk"},
                {"+ primary key + unique (nhs, la, plan)", "pk,key2"},
                {"+ primary key + unique + (la, local_id)  = records.record", "pk,key2,local"},
                {"same, rows sorted by NHS number", "pk,key2,local,sorted"},
                {"plain, then build the three indexes", "after"},
            };
            Path sorted = Files.createTempFile("sorted", ".csv");
            java.util.List<String> lines = Files.readAllLines(file);
            String header = lines.remove(0);
            java.util.Collections.sort(lines);
            lines.add(0, header);
            Files.write(sorted, lines);
            for (int round = 0; round < Integer.parseInt(args[1]); round++)
                for (String[] v : variants) {
                    String o = v[1];
                    s.execute("drop table if exists t");
                    s.execute(
                            "create " + (o.contains("unlogged") ? "unlogged " : "") + "table t ("
                                    + (o.contains("pk")
                                            ? "id bigint generated always as identity primary key,"
                                            : "id bigint generated always as identity,")
                                    + "la_ods varchar(10) not null default 'E08000025', nhs_number char(10) not null, plan_type varchar(4) not null, local_id varchar(50), family_name varchar(100) not null, given_names varchar(100) not null, date_of_birth date not null, start_date date not null, end_date date, delete_date date, expected_delivery_date date, mother_nhs_number char(10), ended_by_child_nhs_number char(10), allocated_worker varchar(254), visible_until date not null default (current_date + (random() * 6000)::int), last_upload_id uuid not null default '00000000-0000-0000-0000-000000000000', created_at timestamptz not null default now(), updated_at timestamptz not null default now())");
                    if (o.contains("key,") || o.endsWith("key"))
                        s.execute("alter table t add constraint k unique (la_ods, nhs_number, plan_type)");
                    if (o.contains("key2"))
                        s.execute("alter table t add constraint k unique (nhs_number, la_ods, plan_type)");
                    if (o.contains("nhs")) s.execute("create index on t (nhs_number)");
                    if (o.contains("vis")) s.execute("create index on t (visible_until)");
                    if (o.contains("local")) s.execute("create index on t (la_ods, local_id)");
                    s.execute("checkpoint");
                    long t0 = System.nanoTime();
                    try (Reader r = Files.newBufferedReader(o.contains("sorted") ? sorted : file)) {
                        c.unwrap(PGConnection.class)
                                .getCopyAPI()
                                .copyIn(
                                        "copy t (" + SyntheticUploadFile.HEADER
                                                + ") from stdin (format csv, header true)",
                                        r,
                                        65536);
                    }
                    if (o.equals("after")) {
                        s.execute("alter table t add primary key (id)");
                        s.execute("alter table t add constraint k unique (la_ods, nhs_number, plan_type)");
                        s.execute("create index on t (nhs_number)");
                        s.execute("create index on t (visible_until)");
                        s.execute("create index on t (la_ods, local_id)");
                    }
                    System.out.printf("%-55s %.2f s%n", v[0], (System.nanoTime() - t0) / 1e9);
                }
        }
    }
}
