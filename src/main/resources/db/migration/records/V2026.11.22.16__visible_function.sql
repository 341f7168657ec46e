-- The records health staff may see on a day (spec section 2: started, and not past visible_until), for one person's
-- key range (RecordKeys.first/last). Records.visible reads through it, and so does the health lookup's one statement
-- that reads and records the access together (lookup.AccessRepository), so the rule has one definition.
--
-- Why PL/pgSQL with "rows 1" and a generic plan: a person has one plan or a few. Inlined (as a SQL function), the
-- range condition on bound parameters looks to the planner like 0.5% of the table, so PostgreSQL kept planning the
-- lookup's whole statement afresh on every call instead of reusing its plan; measured with pgbench on 250,000
-- records that halved the lookups a core could do (docs/benchmarks.md). Here the calling statement sees one row and
-- keeps its plan, and this query's own plan (a range scan of the primary key whatever the bounds) is reused too.
create function records.visible(first_key bigint, last_key bigint, on_day date)
returns table (
    record_key              bigint,
    la_ods                  varchar(10),
    plan_type               varchar(4),
    local_id                varchar(50),
    date_of_birth           date,
    start_date              date,
    end_date                date,
    expected_delivery_date  date,
    allocated_worker        varchar(254))
language plpgsql stable rows 1
set plan_cache_mode = force_generic_plan
as $$
begin
    return query
        select r.record_key, r.la_ods, r.plan_type, r.local_id, r.date_of_birth, r.start_date, r.end_date,
               r.expected_delivery_date, r.allocated_worker
          from records.record r
         where r.record_key between first_key and last_key
           and r.start_date <= on_day and r.visible_until >= on_day;
end;
$$;
