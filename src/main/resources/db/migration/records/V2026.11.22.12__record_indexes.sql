-- Fewer indexes make loads several times faster (measured in docs/benchmarks.md). One unique index, led by the NHS
-- number, both keys the upsert (la, nhs number, plan type in any order) and serves the health lookup by NHS number.
-- The daily purge scans the table once a day instead of keeping an index on visible_until.
alter table records.record drop constraint record_key;
drop index records.record_by_nhs_number;
drop index records.record_by_visible_until;
alter table records.record add constraint record_key unique (nhs_number, la_ods, plan_type);
