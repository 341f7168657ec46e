-- An administrator can reset an LA's Upload-Sequence counter (docs/operations.md, "Upload sequences"). Uploads keep
-- the counter epoch they were sent under; a reset starts a new epoch, so the LA counts again from 1 while every past
-- upload and its acknowledgement stay readable by id.
alter table uploads.upload add column counter_epoch int not null default 0;
alter table uploads.upload drop constraint upload_sequence;
alter table uploads.upload add constraint upload_sequence unique (la_ods, counter_epoch, sequence);

create table uploads.sequence_counter (
    la_ods    varchar(10)  primary key,
    epoch     int          not null check (epoch > 0),
    reset_at  timestamptz  not null,
    reset_by  varchar(100) not null
);
