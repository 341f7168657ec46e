-- The hub's MESH mailbox (issue 18): what came in, what goes out, and NHS numbers an administrator marked inactive.
create schema if not exists mesh;

-- Every message downloaded from the hub's inbox, keyed by MESH's message id, so that a message is applied once even
-- when the hub crashes between applying and acknowledging it. Its body is kept only until it is applied.
create table mesh.inbound_message (
    message_id          varchar(100) primary key,
    message_type        varchar(10)  not null,
    from_mailbox        varchar(100),
    workflow_id         varchar(100),
    local_id            varchar(100),
    status_description  varchar(300),
    la_ods              varchar(10),
    state               varchar(10)  not null check (state in ('RECEIVED', 'APPLIED')),
    outcome             varchar(100),
    upload_id           uuid,
    body                bytea,
    too_large           boolean      not null default false,
    received_at         timestamptz  not null,
    applied_at          timestamptz,
    acknowledged_at     timestamptz
);

-- Messages to LA mailboxes, written in the transaction that decided them and sent at least once. local_id is sent as
-- mex-LocalID and makes queueing idempotent.
create table mesh.outbound_message (
    id               bigserial    primary key,
    local_id         varchar(100) not null unique,
    kind             varchar(40)  not null,
    la_ods           varchar(10)  not null,
    to_mailbox       varchar(100) not null,
    workflow_id      varchar(100) not null,
    file_name        varchar(200) not null,
    body             bytea,
    state            varchar(10)  not null check (state in ('PENDING', 'SENT', 'DELIVERED', 'FAILED')),
    message_id       varchar(100),
    attempts         int          not null default 0,
    next_attempt_at  timestamptz  not null,
    give_up_at       timestamptz  not null,
    last_error       varchar(300),
    created_at       timestamptz  not null,
    sent_at          timestamptz,
    delivered_at     timestamptz
);

create index outbound_due on mesh.outbound_message (next_attempt_at) where state = 'PENDING';
create index outbound_sent on mesh.outbound_message (sent_at) where state = 'SENT';

-- NHS numbers an administrator marked superseded or inactive (no link to PDS yet).
create table mesh.inactive_nhs_number (
    nhs_number      varchar(10)  primary key,
    status          varchar(12)  not null check (status in ('SUPERSEDED', 'INACTIVE')),
    new_nhs_number  varchar(10),
    marked_by       varchar(100) not null,
    marked_at       timestamptz  not null
);
