-- Every time health staff found a record by NHS number: who, from where, when, and whether the care was unscheduled.
-- Kept while the person has a record; removed with their last record by the daily purge.
create schema if not exists lookup;

create table lookup.access (
    id                 bigint       generated always as identity primary key,
    nhs_number         char(10)     not null,
    accessed_at        timestamptz  not null,
    actor_id           varchar(100) not null,
    actor_name         varchar(200) not null,
    actor_role         varchar(40)  not null,
    org_ods            varchar(10)  not null,
    org_name           varchar(200) not null,
    care_setting_type  varchar(40),
    unscheduled        boolean      not null,
    channel            varchar(10)  not null check (channel in ('FHIR', 'WEB')),
    trace_id           varchar(64)
);

-- The 25 most recent unscheduled accesses of a person, newest first.
create index access_recent_unscheduled on lookup.access (nhs_number, accessed_at desc) where unscheduled;
create index access_by_nhs_number on lookup.access (nhs_number);
