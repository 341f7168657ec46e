-- One narrow integer key instead of a surrogate id plus a three-column text key. A daily file inserts its new plans
-- in NHS-number order, which is random to the index: each index entry costs a descent and a page write, and two
-- indexes (one of them on text) made PostgreSQL spend five times the bare COPY on a 500,000-row load
-- (docs/benchmarks.md). The key packs the NHS number (34 bits), the holding LA's number below (27 bits) and the
-- plan type (2 bits) into one positive bigint, in that order, so that:
--   * it is unique exactly where a plan is: one per (LA, NHS number, plan type);
--   * every plan of one person, across LAs, is one key range: the health lookup is a range scan of this index.
create table records.holder (
    la_ods  varchar(10) primary key,
    number  int         generated always as identity check (number < 134217728)
);

insert into records.holder (la_ods) select distinct la_ods from records.record order by 1;

alter table records.record add column record_key bigint;
update records.record r
   set record_key = (r.nhs_number::bigint << 29) | (h.number::bigint << 2)
                    | case r.plan_type when 'CPP' then 0 when 'LAC' then 1 else 2 end
  from records.holder h
 where h.la_ods = r.la_ods;

alter table records.record drop constraint record_key;
alter table records.record drop column id;
alter table records.record alter column record_key set not null;
alter table records.record add constraint record_pkey primary key (record_key);
-- The key is written by the hub beside the columns it packs; a row whose key disagreed with its NHS number or plan
-- type would show one child's plan to whoever looks up another, so the database refuses it.
alter table records.record add constraint record_key_matches check (
    record_key >> 29 = nhs_number::bigint
    and record_key & 3 = case plan_type when 'CPP' then 0 when 'LAC' then 1 else 2 end);
-- Stored hashes were of another encoding: unknown now, so the next file re-sending a plan rewrites it once.
update records.record set row_hash = null;
