-- People who sign in and systems that call the API. Every identity is bound to exactly one organisation and one role.
create schema if not exists identity;

create table identity.person (
    id                 uuid         primary key,
    username           varchar(100) not null unique check (username ~ '^[a-z0-9._@-]{3,100}$'),
    display_name       varchar(200) not null,
    email              varchar(254),
    -- BCrypt; null for people who only sign in through OpenID Connect.
    password_hash      varchar(100),
    role               varchar(40)  not null,
    organisation_ods   varchar(10)  not null,
    -- OpenID Connect binding (NHS CIS2, or an LA's own identity provider): issuer and subject identify the person.
    oidc_issuer        varchar(300),
    oidc_subject       varchar(300),
    enabled            boolean      not null default true,
    created_at         timestamptz  not null,
    updated_at         timestamptz  not null,
    unique (oidc_issuer, oidc_subject),
    check ((oidc_issuer is null) = (oidc_subject is null))
);

create table identity.api_client (
    client_id          varchar(100) primary key check (client_id ~ '^[A-Za-z0-9._-]{3,100}$'),
    name               varchar(200) not null,
    secret_hash        varchar(100) not null,
    role               varchar(40)  not null,
    organisation_ods   varchar(10)  not null,
    enabled            boolean      not null default true,
    created_at         timestamptz  not null,
    updated_at         timestamptz  not null
);
