-- Issue 15: the operator's privacy officer's "accesses by organisation" over a whole year (nine million entries at
-- national scale) took 15-17 s from the raw trail. Whole UTC months are read from this rollup instead: per month,
-- organisation and person, the entries about a child (subject_hash not null) and how many of them found a record.
-- AuditReportRepository.byOrganisation adds the raw entries the rollup does not hold yet (after the mark) and the
-- period's partial months, in one statement, so its figures equal a count of the trail (docs/decisions.md).
create table audit.person_month (
    month      timestamptz  not null, -- the UTC month's first instant
    actor_org  varchar(10)  not null,
    actor_id   varchar(100) not null,
    entries    bigint       not null,
    found      bigint       not null,
    primary key (month, actor_org, actor_id)
);

-- A trust officer's report (actor_org = their organisation) reads its own rows.
create index person_month_by_org on audit.person_month (actor_org, month);

-- How far the rollup has read the trail: every entry with an id up to last_id is counted in person_month, none after.
create table audit.rollup_mark (
    id         boolean     primary key default true check (id),
    last_id    bigint      not null,
    rolled_at  timestamptz
);
insert into audit.rollup_mark (last_id) values (0);

-- Adds the entries after the mark into person_month and moves the mark, in the caller's transaction, at most p_limit
-- entries a call; returns how many entries it read (0: caught up). It reads the contiguous run of ids after the mark
-- that are older than p_cutoff (a minute ago, the sealer's rule: every transaction that took an earlier id has ended)
-- and stops before the first younger one, so no entry committed later with an id below the mark is left out.
-- Runs as the owner (security definer): the hub's runtime role may call it but not write the rollup itself
-- (db/callback/afterMigrate.sql), so the hub cannot change the counts a privacy officer reads.
create function audit.roll_up(p_cutoff timestamptz, p_limit integer) returns integer
language plpgsql security definer set search_path = pg_catalog, pg_temp
as $$
declare
    v_from bigint;
    v_to   bigint;
    v_read integer;
begin
    perform pg_advisory_xact_lock(7346002); -- one roll-up at a time (the sealer holds 7346001)
    select last_id into v_from from audit.rollup_mark;
    select max(id), count(*) into v_to, v_read
      from (select id, bool_and(occurred_at < p_cutoff) over (order by id) as old
              from (select id, occurred_at from audit.event where id > v_from order by id limit p_limit) batch) run
     where old;
    if v_read = 0 then
        return 0;
    end if;
    insert into audit.person_month as m (month, actor_org, actor_id, entries, found)
    select date_trunc('month', occurred_at, 'UTC'), actor_org, actor_id, count(*),
           count(*) filter (where outcome = 'FOUND')
      from audit.event
     where id > v_from and id <= v_to and subject_hash is not null
     group by 1, 2, 3
        on conflict (month, actor_org, actor_id)
        do update set entries = m.entries + excluded.entries, found = m.found + excluded.found;
    update audit.rollup_mark set last_id = v_to, rolled_at = now();
    return v_read;
end;
$$;

revoke all on function audit.roll_up(timestamptz, integer) from public;
