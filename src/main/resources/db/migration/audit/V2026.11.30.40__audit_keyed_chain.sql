-- Issue 12: the chain becomes an HMAC under a key kept outside the database (AuditKeys), sealed through a function
-- that runs as the owner, so the hub's runtime role needs no UPDATE on audit.event at all (db/callback/afterMigrate.sql
-- takes UPDATE, DELETE and TRUNCATE away from it).

-- Rows sealed under the old unkeyed chain are sealed again under the key: the migration (run by the owner) is the one
-- place allowed to clear them.
alter table audit.event disable trigger event_append_only;
update audit.event set chain_hash = null where chain_hash is not null;
alter table audit.event enable trigger event_append_only;

-- Sets the chain hash of entries not yet sealed; never changes a sealed one (the trigger refuses that as well).
create function audit.seal_chain(p_ids bigint[], p_hashes text[]) returns integer
language plpgsql security definer set search_path = pg_catalog, pg_temp
as $$
declare
    sealed integer;
begin
    update audit.event e set chain_hash = u.hash
      from unnest(p_ids, p_hashes) as u(id, hash)
     where e.id = u.id and e.chain_hash is null;
    get diagnostics sealed = row_count;
    return sealed;
end;
$$;

revoke all on function audit.seal_chain(bigint[], text[]) from public;

-- For statement-level triggers (TRUNCATE, and the verification table's changes).
create function audit.refuse_change() returns trigger language plpgsql as $$
begin
    raise exception '%.% is append-only', tg_table_schema, tg_table_name;
end;
$$;

create trigger event_no_truncate before truncate on audit.event
    for each statement execute function audit.refuse_change();

-- Each verification of the chain: when, how far, and the first entry that did not match (null if none). Shown to
-- administrators and privacy officers; append-only like the trail itself.
create table audit.verification (
    id               bigint      generated always as identity primary key,
    verified_at      timestamptz not null,
    checked          bigint      not null,
    head_id          bigint,
    first_broken_id  bigint,
    reason           varchar(100)
);

create trigger verification_append_only before update or delete or truncate on audit.verification
    for each statement execute function audit.refuse_change();
