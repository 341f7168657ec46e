-- Administration (issue 14): when a person last signed in, and API-client secrets rotated with an overlap: the
-- previous secret keeps working until previous_secret_expires_at, so the LA's system can move over without a gap.
alter table identity.person add column last_signed_in_at timestamptz;

alter table identity.api_client
    add column previous_secret_hash       varchar(100),
    add column previous_secret_expires_at timestamptz,
    add column secret_rotated_at          timestamptz,
    add column revoked_at                 timestamptz,
    add constraint previous_secret_has_expiry
        check ((previous_secret_hash is null) = (previous_secret_expires_at is null));
