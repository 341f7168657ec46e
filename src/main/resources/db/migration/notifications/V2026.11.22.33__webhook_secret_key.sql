-- Webhook secrets are stored encrypted. This table holds the key only when the operator has not given one in the
-- environment (CPIS_NOTIFICATIONS_SECRET_KEY), as in the embedded default; then it protects nothing against someone who
-- can read the database, which is why production sets the key.
create table notifications.secret_key (
    id   boolean primary key default true check (id),
    key  bytea   not null
);
