-- One plan of one type for one person, from one local authority: the unit CP-IS shares.
create schema if not exists records;

create table records.record (
    id                      bigint       generated always as identity primary key,
    la_ods                  varchar(10)  not null,
    nhs_number              char(10)     not null,
    plan_type               varchar(4)   not null check (plan_type in ('CPP', 'LAC', 'UCPP')),
    local_id                varchar(50),
    family_name             varchar(100) not null,
    given_names             varchar(100) not null,
    date_of_birth           date         not null,
    start_date              date         not null,
    end_date                date,
    delete_date             date,
    expected_delivery_date  date,
    -- On a newborn's CPP/LAC row: the mother whose UCPP this plan replaced.
    mother_nhs_number       char(10),
    -- On a mother's UCPP ended by her baby's plan: the baby's NHS number.
    ended_by_child_nhs_number char(10),
    allocated_worker        varchar(254),
    -- Last day (inclusive) the alert is shown; computed from the dates above by RecordRules when written.
    visible_until           date         not null,
    last_upload_id          uuid         not null,
    created_at              timestamptz  not null,
    updated_at              timestamptz  not null,
    constraint record_key unique (la_ods, nhs_number, plan_type),
    constraint ucpp_has_due_date check (plan_type <> 'UCPP' or expected_delivery_date is not null)
);

-- The health lookup reads by NHS number alone, across local authorities.
create index record_by_nhs_number on records.record (nhs_number);
-- The daily purge.
create index record_by_visible_until on records.record (visible_until);
-- The LA's own search by its case reference.
create index record_by_local_id on records.record (la_ods, local_id);
