-- Consecutive wrong passwords (people) and secrets (API clients), and the lock-out they lead to (issue 13). A row
-- exists only while there are failures to count or a lock-out runs; a success or an administrator's unlock removes it.
create table identity.lockout (
    kind          varchar(10)  not null check (kind in ('PERSON', 'CLIENT')),
    identity_id   varchar(100) not null,
    failures      int          not null,
    locked_until  timestamptz,
    primary key (kind, identity_id)
);

-- The hub's own access tokens revoked before their expiry (RFC 7009, POST /oauth2/revoke), by JWT id. A row is useless
-- once the token has expired, and is deleted then.
create table identity.revoked_token (
    jti         varchar(100) primary key,
    client_id   varchar(100) not null,
    expires_at  timestamptz  not null,
    revoked_at  timestamptz  not null
);
