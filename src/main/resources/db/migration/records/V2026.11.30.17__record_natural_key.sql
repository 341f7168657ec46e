-- records.record keyed by its natural columns again (issue 11): the packed bigint key, the LA-number table behind it
-- and the stored row hash existed only for upload speed far beyond national need. The primary key is the unit CP-IS
-- shares, one plan of one type for one person from one LA, and leads with the NHS number so that the health lookup
-- of one person, across LAs, is a scan of one prefix of it. Uploads compare columns instead of hashes.
drop function records.visible(bigint, bigint, date);

alter table records.record drop constraint record_key_matches;
alter table records.record drop constraint record_pkey;
alter table records.record drop column record_key;
alter table records.record drop column row_hash;
alter table records.record add constraint record_pkey primary key (nhs_number, la_ods, plan_type);
drop table records.holder;

-- A number for the FHIR resource ids and audit entries that stands for a record without carrying its NHS number.
-- Nothing looks a record up by it, so it has no index (each index slows every load).
alter table records.record add column id bigint generated always as identity (cache 100);

-- The records health staff may see on a day (spec section 2: started, and not past visible_until) for one person,
-- across LAs. The health lookup's one statement (lookup.AccessRepository) reads through it, so the rule has one
-- definition.
--
-- Why PL/pgSQL with "rows 1" and a generic plan: a person has one plan or a few. Inlined (as a SQL function) the
-- planner kept planning the lookup's whole statement afresh on every call instead of reusing its plan; measured with
-- pgbench that halved the lookups a core could do. Here the calling statement sees one row and keeps its plan, and
-- this query's own plan (a scan of the primary key's prefix) is reused too.
create function records.visible(person char(10), on_day date)
returns table (
    id                      bigint,
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
        select r.id, r.la_ods, r.plan_type, r.local_id, r.date_of_birth, r.start_date, r.end_date,
               r.expected_delivery_date, r.allocated_worker
          from records.record r
         where r.nhs_number = person
           and r.start_date <= on_day and r.visible_until >= on_day;
end;
$$;
