-- Every file an LA sent, with the acknowledgement it was given, so a replayed sequence gets the same answer and the
-- LA can read it again later.
create schema if not exists uploads;

create table uploads.upload (
    id            uuid         primary key,
    la_ods        varchar(10)  not null,
    sequence      bigint       not null check (sequence > 0),
    status        varchar(20)  not null check (status in ('ALL_LOADED', 'PARTIALLY_LOADED', 'NONE_LOADED', 'MALFORMED')),
    problem       varchar(40),
    received      int          not null,
    loaded        int          not null,
    rejected      int          not null,
    -- The per-line outcomes as a gzipped JSON array: a 500,000-line file's acknowledgement in a few hundred KB.
    records_gz    bytea        not null,
    submitted_by  varchar(100) not null,
    channel       varchar(10)  not null check (channel in ('API', 'WEB')),
    received_at   timestamptz  not null,
    constraint upload_sequence unique (la_ods, sequence)
);

create index upload_by_la on uploads.upload (la_ods, received_at desc);

-- Rejected lines, for the LA's pages: line, reason and column only, never the line's content.
create table uploads.rejection (
    upload_id    uuid        not null references uploads.upload (id) on delete cascade,
    line         int         not null,
    reason       varchar(40) not null,
    column_name  varchar(40),
    primary key (upload_id, line)
);
