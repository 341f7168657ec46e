-- A hash of each record's fields as last sent, so that a daily file re-sending an unchanged plan writes nothing.
alter table records.record add column row_hash bigint;
-- The LA's own search by its case reference scans that LA's rows; an index here would slow every load.
drop index records.record_by_local_id;
