-- What each responsible LA is told about unscheduled accesses, and the state of telling it. Rows are written in the
-- lookup's own transaction: an access without its notification cannot exist.
create schema if not exists notifications;

create table notifications.notification (
    -- The pull API's cursor: strictly increasing in commit-independent creation order.
    seq                  bigint       generated always as identity primary key,
    id                   uuid         not null unique,
    la_ods               varchar(10)  not null,
    nhs_number           char(10)     not null,
    local_ids            varchar(200),
    plan_types           varchar(20)  not null,
    first_access_id      bigint       not null,
    first_accessed_at    timestamptz  not null,
    last_accessed_at     timestamptz  not null,
    access_count         int          not null default 1,
    actor_name           varchar(200) not null,
    actor_role           varchar(40)  not null,
    org_ods              varchar(10)  not null,
    org_name             varchar(200) not null,
    care_setting_type    varchar(40),
    -- Routing inside the LA: the allocated social worker, or the MASH queue when none is allocated.
    allocated_worker     varchar(254),
    queue                varchar(20)  not null check (queue in ('SOCIAL_WORKER', 'MASH')),
    status               varchar(20)  not null default 'UNREVIEWED' check (status in ('UNREVIEWED', 'CLOSED')),
    escalated_at         timestamptz,
    acknowledged_at      timestamptz,
    acknowledged_by      varchar(100),
    reviewed_by          varchar(100),
    contacted_setting    boolean,
    outcome_note         varchar(2000),
    closed_at            timestamptz,
    created_at           timestamptz  not null,
    updated_at           timestamptz  not null
);

create index notification_pull on notifications.notification (la_ods, seq);
create index notification_grouping on notifications.notification (la_ods, nhs_number, org_ods, first_accessed_at desc);
create index notification_unreviewed on notifications.notification (la_ods, status, created_at);

-- Deliveries to the LA: its webhook and the duty & advice team's mailbox. Claimed with FOR UPDATE SKIP LOCKED, so
-- any number of nodes can deliver and none twice at once.
create table notifications.delivery (
    id               bigint       generated always as identity primary key,
    notification_id  uuid         not null references notifications.notification (id) on delete cascade,
    channel          varchar(10)  not null check (channel in ('WEBHOOK', 'EMAIL')),
    status           varchar(10)  not null default 'PENDING' check (status in ('PENDING', 'DELIVERED', 'FAILED')),
    attempts         int          not null default 0,
    next_attempt_at  timestamptz  not null,
    give_up_at       timestamptz  not null,
    last_error       varchar(300),
    delivered_at     timestamptz,
    created_at       timestamptz  not null,
    unique (notification_id, channel)
);

create index delivery_due on notifications.delivery (next_attempt_at) where status = 'PENDING';

-- An LA's webhook: URL and up to two live secrets, so a secret can be rotated without a gap.
create table notifications.webhook (
    la_ods           varchar(10)  primary key,
    url              varchar(2000) not null,
    secret           varchar(200) not null,
    previous_secret  varchar(200),
    enabled          boolean      not null default true,
    updated_at       timestamptz  not null
);

-- "Report a missing alert": a clinician believes a child is on a plan that CP-IS does not show.
create table notifications.missing_alert (
    id               uuid         primary key,
    la_ods           varchar(10)  not null,
    nhs_number       char(10)     not null,
    reporter_name    varchar(200) not null,
    reporter_role    varchar(40)  not null,
    reporter_org_ods varchar(10)  not null,
    reporter_org_name varchar(200) not null,
    contact_phone    varchar(30),
    contact_email    varchar(254),
    note             varchar(1000),
    status           varchar(10)  not null default 'OPEN' check (status in ('OPEN', 'RESOLVED')),
    resolved_by      varchar(100),
    resolved_at      timestamptz,
    created_at       timestamptz  not null
);

create index missing_alert_by_la on notifications.missing_alert (la_ods, status, created_at);
