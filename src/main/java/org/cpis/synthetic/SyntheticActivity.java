package org.cpis.synthetic;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A year of health staff's accesses to the synthetic records, the notifications the unscheduled ones sent with
 * their e-mail deliveries, and the LAs' reviews of them; set-based, inside the generator's transaction.
 */
final class SyntheticActivity {

    /** 70% of checks come from unscheduled settings; each notifies the LA holding the plan. */
    private static final String ACCESSES = """
            create temp table syn_setting on commit drop as
            select row_number() over (partition by unscheduled order by ods_code) as k, ods_code, name,
                   care_setting_type, unscheduled
              from (select ods_code, name, care_setting_type,
                           care_setting_type = any(cast(:unscheduledTypes as text[])) as unscheduled
                      from organisations.organisation where kind = 'HEALTH' and active) o;
            create temp table syn_rec on commit drop as
            select row_number() over (order by nhs_number) as i, nhs_number, la_ods, plan_type, local_id,
                   allocated_worker, start_date
              from records.record;
            create unique index on syn_rec (i);
            create temp table syn_pick on commit drop as
            select g, 1 + floor(random() * c.nrec)::int as ri, u,
                   1 + floor(random() * case when u then c.nu else c.ns end)::int as k,
                   random() as t, random() < 0.8 as fhir
              from (select g, random() < 0.7 as u from generate_series(1, :accesses) g) x,
                   (select (select count(*) from syn_rec) as nrec,
                           (select count(*) from syn_setting where unscheduled) as nu,
                           (select count(*) from syn_setting where not unscheduled) as ns) c;
            create temp table syn_access on commit drop as
            select id, nhs_number, accessed_at, actor_id, actor_name, actor_role, org_ods, org_name,
                   care_setting_type, unscheduled, channel
              from lookup.access with no data;
            with ins as (
                insert into lookup.access (nhs_number, accessed_at, actor_id, actor_name, actor_role, org_ods,
                                           org_name, care_setting_type, unscheduled, channel)
                select r.nhs_number,
                       -- Two minutes before now at the latest (a plan starting today, before 08:00 in England):
                       -- the sealer takes only entries older than a minute, and the generator seals all it wrote.
                       least(cast(:now as timestamptz) - interval '2 minutes',
                             greatest(cast(:now as timestamptz) - p.t * interval '365 days',
                                      (r.start_date + time '08:00') at time zone 'Europe/London')),
                       'synthetic-clinician-' || (p.g % 500), 'Synthetic clinician ' || (p.g % 500),
                       case when s.unscheduled then 'UNSCHEDULED_CLINICIAN' else 'SCHEDULED_CLINICIAN' end,
                       s.ods_code, s.name, s.care_setting_type, s.unscheduled,
                       case when p.fhir then 'FHIR' else 'WEB' end
                  from syn_pick p
                  join syn_rec r on r.i = p.ri
                  join syn_setting s on s.unscheduled = p.u and s.k = p.k
                 order by 2
                returning id, nhs_number, accessed_at, actor_id, actor_name, actor_role, org_ods, org_name,
                          care_setting_type, unscheduled, channel)
            insert into syn_access select * from ins;
            """;

    /**
     * One notification per unscheduled access, in access order (the pull API's cursor), reviewed at each LA's own
     * pace (an exponential delay around its typical hours); 2% left unreviewed, escalated after a day.
     */
    private static final String NOTIFICATIONS = """
            insert into notifications.notification
                (id, la_ods, nhs_number, local_ids, plan_types, first_access_id, first_accessed_at, last_accessed_at,
                 access_count, actor_name, actor_role, org_ods, org_name, care_setting_type, allocated_worker, queue,
                 status, escalated_at, reviewed_by, contacted_setting, outcome_note, closed_at, created_at,
                 updated_at)
            select gen_random_uuid(), la_ods, nhs_number, local_id, plan_type, id, accessed_at, accessed_at, 1,
                   actor_name, actor_role, org_ods, org_name, care_setting_type, allocated_worker,
                   case when allocated_worker is null then 'MASH' else 'SOCIAL_WORKER' end,
                   case when closed then 'CLOSED' else 'UNREVIEWED' end,
                   case when reviewed_at > accessed_at + interval '1 day'
                             and accessed_at + interval '1 day' < cast(:now as timestamptz)
                        then accessed_at + interval '1 day' end,
                   case when closed then 'synthetic-reviewer' end,
                   case when closed then contacted end,
                   case when closed then 'Synthetic review' end,
                   case when closed then reviewed_at end,
                   accessed_at,
                   case when closed then reviewed_at else accessed_at end
              from (select a.*, r.la_ods, r.local_id, r.plan_type, r.allocated_worker,
                           a.accessed_at + least(720, l.review_hours * -ln(1 - random())) * interval '1 hour'
                               as reviewed_at,
                           random() < 0.98 as keep, random() < 0.5 as contacted
                      from syn_access a
                      join syn_rec r on r.nhs_number = a.nhs_number
                      join syn_la l on l.la = r.la_ods
                     where a.unscheduled) n
             cross join lateral (select keep and reviewed_at < cast(:now as timestamptz) as closed) c
             order by n.accessed_at;
            insert into notifications.delivery (notification_id, la_ods, channel, status, attempts, next_attempt_at,
                                                give_up_at, delivered_at, created_at)
            select id, la_ods, 'EMAIL', 'DELIVERED', 1, created_at, created_at + interval '24 hours',
                   created_at + interval '3 seconds', created_at
              from notifications.notification
             where first_access_id in (select id from syn_access);
            """;

    /** The audit entry of each access, under the subject hashes the audit module computed (syn_subject). */
    private static final String ACCESS_AUDIT = """
            insert into audit.event (occurred_at, actor_id, actor_role, actor_org, action, subject_hash, outcome,
                                     detail)
            select a.accessed_at, a.actor_id, a.actor_role, a.org_ods, 'LOOKUP_' || a.channel, h.hash, 'FOUND',
                   'records=1 unscheduled=' || a.unscheduled || ' access=' || a.id
              from syn_access a join syn_subject h on h.nhs = a.nhs_number
             order by a.accessed_at;
            """;

    /**
     * Filler entries up to the wanted size of the trail (the benchmarks' ten million): lookups, uploads, reviews and
     * sign-ins over the past year by the synthetic people, about the synthetic subjects.
     */
    private static final String FILLER = """
            insert into audit.event (occurred_at, actor_id, actor_role, actor_org, action, subject_hash, outcome,
                                     detail)
            select cast(:now as timestamptz) - interval '365 days' + (g::float8 / :count) * interval '364 days',
                   'synthetic-clinician-' || (g % 500), 'UNSCHEDULED_CLINICIAN', s.ods_code,
                   (array['LOOKUP_FHIR','LOOKUP_FHIR','LOOKUP_FHIR','LOOKUP_WEB','NOTIFICATION_REVIEWED'])
                       [1 + g % 5],
                   h.hash, case when g % 7 = 0 then 'NOT_FOUND' else 'FOUND' end, null
              from generate_series(1, :count) g
              join syn_subject h on h.i = 1 + g % (select count(*) from syn_subject)
              join syn_setting s on s.unscheduled and s.k = 1 + g % (select count(*) from syn_setting
                                                                       where unscheduled);
            """;

    private SyntheticActivity() {}

    static void accesses(JdbcClient jdbc, int accesses, String[] unscheduledTypes, Instant now) {
        jdbc.sql(ACCESSES)
                .param("unscheduledTypes", unscheduledTypes)
                .param("accesses", accesses)
                .param("now", Timestamp.from(now))
                .update();
        jdbc.sql(NOTIFICATIONS).param("now", Timestamp.from(now)).update();
    }

    static void audit(JdbcClient jdbc, long filler, Instant now) {
        jdbc.sql(ACCESS_AUDIT).update();
        if (filler > 0) {
            jdbc.sql(FILLER)
                    .param("count", filler)
                    .param("now", Timestamp.from(now))
                    .update();
        }
    }
}
