-- The organisations registry: local authorities that hold plans, health organisations/sites that look them up,
-- and the operator of the hub. Keyed by ODS code.
create schema if not exists organisations;

create table organisations.organisation (
    ods_code              varchar(10)  primary key check (ods_code ~ '^[A-Z0-9]{3,10}$'),
    kind                  varchar(20)  not null check (kind in ('LOCAL_AUTHORITY', 'HEALTH', 'OPERATOR')),
    name                  varchar(200) not null check (length(trim(name)) > 0),
    care_setting_type     varchar(40),
    emergency_duty_phone  varchar(30),
    office_hours_phone    varchar(30),
    duty_team_email       varchar(254),
    mash_email            varchar(254),
    active                boolean      not null default true,
    created_at            timestamptz  not null,
    updated_at            timestamptz  not null,
    -- An LA must always be reachable out of hours: the emergency-duty number is what a clinician rings at 3 a.m.
    constraint local_authority_has_emergency_phone
        check (kind <> 'LOCAL_AUTHORITY' or emergency_duty_phone is not null),
    constraint health_has_care_setting
        check ((kind = 'HEALTH') = (care_setting_type is not null))
);

create index organisation_kind_name on organisations.organisation (kind, name);
