package bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The national benchmark's ten million audit entries, written set-based as the schema's owner: the trail's secondary
 * indexes are dropped, the entries inserted from one {@code generate_series}, the indexes built again from their own
 * definitions, then {@code VACUUM ANALYZE} (what autovacuum does to an insert-only table). Building an index once over
 * ten million rows is far cheaper than keeping three indexes up to date row by row, which took ~1,200 s.
 *
 * <p>Shape: one entry a ~3 s over the past year in id order (as the hub appends them), by ~8 clinicians of each health
 * organisation the synthetic accesses came from (the organisation's own role), about the synthetic children the
 * accesses were about (their keyed subject hashes, taken from the real access entries, picked at random), 90% lookups
 * and reviews about a child and 10% sign-ins about no one. The entries are left unsealed: they sit after the sealed
 * (HMAC-verified) part of the trail and are not in the verified chain. The privacy officer's queries never read the
 * chain hash, so what is timed is the same as on a sealed trail of that size; sealing ten million entries is the
 * nightly sealer's work, not a query's.
 */
final class NationalAuditFiller {

    private static final String SUBJECTS = """
            create temp table bench_subject on commit drop as
            select row_number() over (order by hash) as i, hash
              from (select distinct subject_hash as hash from audit.event where subject_hash is not null) s;
            create unique index on bench_subject (i);
            create temp table bench_org on commit drop as
            select row_number() over (order by actor_org, actor_role) as k, actor_org, actor_role
              from (select distinct actor_org, actor_role from audit.event where action like 'LOOKUP_%') o;
            create unique index on bench_org (k);
            analyze bench_subject;
            analyze bench_org;
            """;

    private static final String FILLER = """
            insert into audit.event (occurred_at, actor_id, actor_role, actor_org, action, subject_hash, outcome,
                                     trace_id, detail)
            select cast(:now as timestamptz) - interval '365 days' + (p.g::float8 / :count) * interval '365 days',
                   'synthetic-clinician-' || o.k || '-' || p.person, o.actor_role, o.actor_org,
                   case when p.kind < 0.1 then 'SIGN_IN'
                        when p.kind < 0.75 then 'LOOKUP_FHIR'
                        when p.kind < 0.95 then 'LOOKUP_WEB'
                        else 'NOTIFICATION_REVIEWED' end,
                   case when p.kind < 0.1 then null else s.hash end,
                   case when p.kind < 0.1 then 'SUCCESS' when p.found then 'FOUND' else 'NOT_FOUND' end,
                   md5(p.g::text), null
              from (select g, 1 + floor(random() * (select count(*) from bench_org))::int as ok,
                           1 + floor(random() * (select count(*) from bench_subject))::int as si,
                           floor(random() * 8)::int as person, random() as kind, random() < 0.85 as found
                      from generate_series(1, :count) g) p
              join bench_org o on o.k = p.ok
              join bench_subject s on s.i = p.si
             order by p.g
            """;

    private NationalAuditFiller() {}

    /** Appends {@code count} entries; returns the seconds each step took, for the report. */
    static Map<String, Double> append(DataSource owner, long count, java.time.Instant now) {
        Map<String, Double> took = new LinkedHashMap<>();
        JdbcClient jdbc = JdbcClient.create(owner);
        List<String[]> indexes = jdbc.sql("""
                        select indexname, indexdef from pg_indexes
                         where schemaname = 'audit' and tablename = 'event'
                           and indexdef not like 'CREATE UNIQUE INDEX%'
                        """)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                .list();
        long s = System.nanoTime();
        // One session for the temporary tables and the settings.
        new org.springframework.transaction.support.TransactionTemplate(
                        new org.springframework.jdbc.datasource.DataSourceTransactionManager(owner))
                .executeWithoutResult(status -> {
                    jdbc.sql(SUBJECTS).update();
                    for (String[] index : indexes) {
                        jdbc.sql("drop index audit." + index[0]).update();
                    }
                    jdbc.sql(FILLER)
                            .param("count", count)
                            .param("now", java.sql.Timestamp.from(now))
                            .update();
                    took.put("insert", secs(s));
                    jdbc.sql("set local maintenance_work_mem = '512MB'").update();
                    for (String[] index : indexes) {
                        long i = System.nanoTime();
                        jdbc.sql(index[1]).update();
                        took.put("index " + index[0], secs(i));
                    }
                });
        long v = System.nanoTime();
        jdbc.sql("vacuum analyze audit.event").update();
        took.put("vacuum analyze", secs(v));
        return took;
    }

    private static double secs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
