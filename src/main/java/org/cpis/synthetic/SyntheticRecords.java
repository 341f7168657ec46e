package org.cpis.synthetic;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The LAs' side of the synthetic data set, set-based in PostgreSQL: each LA's share of the records, 999-range NHS
 * numbers with their modulus 11 check digit, a year of weekly uploads with their rejected lines, and the plans.
 * Runs inside the generator's one transaction (its temporary tables live on that transaction's connection).
 */
final class SyntheticRecords {

    /** Every LA with a size, an NHS-number rejection rate (one in sixteen below the 95% go-live line) and a review pace. */
    private static final String LAS = """
            create temp table syn_la on commit drop as
            select ods_code as la, row_number() over (order by ods_code) as k,
                   0.3 + random() * 1.7 as weight,
                   case when random() < 0.0625 then 0.05 + random() * 0.05 else 0.002 + random() * 0.03 end
                       as nhs_reject_rate,
                   1 + random() * 47 as review_hours,
                   0 as n, 0 as first
              from (select ods_code from organisations.organisation
                     where kind = 'LOCAL_AUTHORITY' and active order by ods_code) o;
            update syn_la set n = round(:records * weight / (select sum(weight) from syn_la));
            update syn_la s set first = c.first
              from (select la, (sum(n) over (order by k) - n)::int as first from syn_la) c
             where c.la = s.la;
            """;

    /**
     * 999 followed by six digits and the modulus 11 check digit; bases whose check digit would be 10 are skipped (one
     * in eleven), so 20% more bases than records are taken, evenly spaced over the range, then shuffled.
     */
    private static final String NHS_NUMBERS = """
            create temp table syn_nhs on commit drop as
            select row_number() over (order by md5(s)) as i, (s || c)::char(10) as nhs
              from (select s, (11 - (substr(s, 1, 1)::int * 10 + substr(s, 2, 1)::int * 9 + substr(s, 3, 1)::int * 8
                                    + substr(s, 4, 1)::int * 7 + substr(s, 5, 1)::int * 6 + substr(s, 6, 1)::int * 5
                                    + substr(s, 7, 1)::int * 4 + substr(s, 8, 1)::int * 3
                                    + substr(s, 9, 1)::int * 2) % 11) % 11 as c
                      from (select '999' || lpad((g * (999999 / (:records * 6 / 5 + 10)))::text, 6, '0') as s
                              from generate_series(0, :records * 6 / 5 + 10) g) b) d
             where c < 10;
            create unique index on syn_nhs (i);
            """;

    /** One upload a week for a year per LA: its whole extract, a few lines rejected, now and then a malformed file. */
    private static final String UPLOADS = """
            create temp table syn_upload on commit drop as
            select gen_random_uuid() as id, l.la, w as sequence, l.n,
                   case when random() < 0.005 then 'MALFORMED' end as malformed,
                   round(l.n * l.nhs_reject_rate * (0.6 + 0.8 * random()))::int as nhs_rejected,
                   round(l.n * 0.004 * random())::int as other_rejected,
                   ((cast(:today as date) - (52 - w) * 7)::timestamp + interval '1 hour'
                        + random() * interval '50 minutes') at time zone 'Europe/London' as received_at
              from syn_la l cross join generate_series(1, 52) w;
            update syn_upload set nhs_rejected = 0, other_rejected = 0 where malformed is not null;
            update syn_upload set nhs_rejected = least(nhs_rejected, n), other_rejected = least(other_rejected,
                                  n - least(nhs_rejected, n));
            insert into uploads.upload (id, la_ods, sequence, status, problem, received, loaded, rejected, records_gz,
                                        submitted_by, channel, received_at)
            select id, la, sequence,
                   case when malformed is not null then 'MALFORMED'
                        when nhs_rejected + other_rejected = 0 then 'ALL_LOADED'
                        when nhs_rejected + other_rejected = n then 'NONE_LOADED'
                        else 'PARTIALLY_LOADED' end,
                   case when malformed is not null then 'MISSING_COLUMN' end,
                   case when malformed is not null then 0 else n end,
                   case when malformed is not null then 0 else n - nhs_rejected - other_rejected end,
                   nhs_rejected + other_rejected, :emptyAck, 'synthetic-case-system', 'API', received_at
              from syn_upload order by la, sequence;
            insert into uploads.rejection (upload_id, line, reason, column_name)
            select u.id, 1 + g, 'INVALID_NHS_NUMBER', 'nhs_number'
              from syn_upload u cross join lateral generate_series(1, u.nhs_rejected) g;
            insert into uploads.rejection (upload_id, line, reason, column_name)
            select u.id, 1 + u.nhs_rejected + g,
                   (array['MISSING_FIELD', 'INVALID_DATE', 'END_BEFORE_START', 'AGED_18_OR_OVER',
                          'DUPLICATE_IN_FILE', 'INVALID_EMAIL'])[1 + floor(random() * 6)::int],
                   null
              from syn_upload u cross join lateral generate_series(1, u.other_rejected) g;
            """;

    /**
     * The plans: 3% UCPP (held on the mother, due within the next 200 days), 42% CPP, the rest LAC; 15% of CPP and
     * LAC ended within the last year (still visible). visible_until follows RecordRules (no one born on 29 February,
     * whose 18th birthday PostgreSQL and RecordRules would count differently).
     */
    private static final String RECORDS = """
            create temp table syn_rec_src on commit drop as
            select l.la, n.nhs, j, random() as p, random() as a, random() as b, random() as c, random() as e,
                   random() as w
              from syn_la l cross join lateral generate_series(1, l.n) j join syn_nhs n on n.i = l.first + j;
            insert into records.record (la_ods, nhs_number, plan_type, local_id, family_name, given_names,
                                        date_of_birth, start_date, end_date, expected_delivery_date,
                                        allocated_worker, visible_until, last_upload_id, created_at, updated_at)
            select la, nhs, plan_type, 'SYN-' || j, family, given, dob, start_date, end_date, edd, worker,
                   case when plan_type = 'UCPP' then edd + 28
                        else least(coalesce(end_date, (dob + interval '18 years')::date),
                                   (dob + interval '18 years')::date) + 364 end,
                   upload, :now, :now
              from (select s.la, s.nhs, s.j, x.plan_type, x.dob,
                           (array['Smith','Jones','Taylor','Brown','Williams','Wilson','Johnson','Davies','Patel',
                                  'Robinson','Wright','Thompson','Evans','Walker','White','Roberts','Green','Hall',
                                  'Khan','Ali'])[1 + s.j % 20] as family,
                           (array['Olivia','Amelia','Isla','Ava','Mia','Noah','Oliver','George','Arthur','Leo',
                                  'Muhammad','Harry','Freya','Lily','Ivy','Jack','Theo','Oscar','Grace','Ruby'])
                               [1 + (s.j / 20) % 20] as given,
                           x.start_date,
                           case when x.plan_type <> 'UCPP' and s.e < 0.15
                                then greatest(x.start_date, cast(:today as date) - floor(s.c * 363)::int) end
                               as end_date,
                           x.edd,
                           case when s.w < 0.7 then 'worker' || (s.j % 40) || '@' || lower(s.la) || '.cpis.example'
                               end as worker,
                           u.id as upload
                      from syn_rec_src s
                      join syn_upload u on u.la = s.la and u.sequence = 52
                      cross join lateral (
                          select t.plan_type, t.dob, t.edd,
                                 case when t.plan_type = 'UCPP'
                                      then least(cast(:today as date), t.edd - 240 + floor(s.c * 100)::int)
                                      else greatest(t.dob, cast(:today as date) - 1500)
                                           + floor((cast(:today as date) - greatest(t.dob, cast(:today as date) - 1500))
                                                   * s.b)::int end as start_date
                            from (select y.plan_type,
                                         case when to_char(y.dob0, 'MM-DD') = '02-29' then y.dob0 - 1 else y.dob0 end
                                             as dob,
                                         case when y.plan_type = 'UCPP'
                                              then cast(:today as date) - 20 + floor(s.b * 200)::int end as edd
                                    from (select case when s.p < 0.03 then 'UCPP' when s.p < 0.45 then 'CPP'
                                                      else 'LAC' end as plan_type,
                                                 case when s.p < 0.03
                                                      then cast(:today as date) - floor((16 + s.a * 24) * 365.25)::int
                                                      else cast(:today as date) - floor(s.a * 17.8 * 365.25)::int
                                                      end as dob0) y) t) x) r;
            """;

    private SyntheticRecords() {}

    static void generate(JdbcClient jdbc, int records, LocalDate today, Instant now, byte[] emptyAck) {
        jdbc.sql(LAS).param("records", records).update();
        jdbc.sql(NHS_NUMBERS).param("records", records).update();
        jdbc.sql(UPLOADS)
                .param("today", Date.valueOf(today))
                .param("emptyAck", emptyAck)
                .update();
        jdbc.sql(RECORDS)
                .param("today", Date.valueOf(today))
                .param("now", Timestamp.from(now))
                .update();
    }
}
