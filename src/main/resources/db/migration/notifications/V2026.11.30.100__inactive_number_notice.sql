-- Issue 18: an LA is told that an NHS number it holds was found superseded or inactive (what REPC_MT000005GB01 carries
-- over MESH) through its chosen channels too: the pull API, its webhook and the duty mailbox. One row per LA told,
-- written in the administrator's marking transaction. Its cursor comes from the access notifications' own sequence, so
-- the pull API is one feed in creation order, and it is taken under the same per-LA lock (commit order = cursor order).
create table notifications.inactive_number_notice (
    seq              bigint       not null default nextval('notifications.notification_seq_seq') primary key,
    id               uuid         not null unique,
    la_ods           varchar(10)  not null,
    nhs_number       char(10)     not null,
    status           varchar(12)  not null check (status in ('SUPERSEDED', 'INACTIVE')),
    new_nhs_number   char(10),
    local_ids        varchar(200),
    plan_types       varchar(20),
    marked_at        timestamptz  not null,
    acknowledged_at  timestamptz,
    acknowledged_by  varchar(100),
    created_at       timestamptz  not null
);

create index inactive_number_notice_pull on notifications.inactive_number_notice (la_ods, seq);
create index inactive_number_notice_number on notifications.inactive_number_notice (la_ods, nhs_number, seq desc);

-- A delivery is of an access notification or of such a notice, never both; the same retry machinery carries either.
alter table notifications.delivery alter column notification_id drop not null;
alter table notifications.delivery
    add column notice_id uuid references notifications.inactive_number_notice (id) on delete cascade;
alter table notifications.delivery
    add constraint delivery_one_subject check ((notification_id is null) <> (notice_id is null));
alter table notifications.delivery add constraint delivery_notice_channel unique (notice_id, channel);
