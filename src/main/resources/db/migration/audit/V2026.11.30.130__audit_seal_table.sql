-- The chain's hashes in a table of their own. Sealing used to set audit.event.chain_hash, which rewrote every entry of
-- the trail once more: a new row version, an entry in each of its five indexes, and a dead version for vacuum
-- (docs/decisions.md, "Audit"). Now sealing appends narrow rows to audit.seal, and audit.event is never updated.
create table audit.seal (
    event_id    bigint   primary key,
    -- HMAC-SHA256 (key outside the database, AuditKeys) of the previous entry's chain hash and this entry's content.
    chain_hash  char(64) not null
);

insert into audit.seal (event_id, chain_hash)
select id, chain_hash from audit.event where chain_hash is not null;

-- Nothing may change an entry any more, not even to seal it.
create or replace function audit.forbid_change() returns trigger language plpgsql as $$
begin
    raise exception 'audit.event is append-only';
end;
$$;

drop index audit.event_unsealed;
alter table audit.event drop column chain_hash;

-- Appends the chain hashes of entries not yet sealed; never changes a sealed one (the trigger refuses that as well).
create or replace function audit.seal_chain(p_ids bigint[], p_hashes text[]) returns integer
language plpgsql security definer set search_path = pg_catalog, pg_temp
as $$
declare
    sealed integer;
begin
    insert into audit.seal (event_id, chain_hash)
    select u.id, u.hash
      from unnest(p_ids, p_hashes) as u(id, hash)
      join audit.event e on e.id = u.id
    on conflict (event_id) do nothing;
    get diagnostics sealed = row_count;
    return sealed;
end;
$$;

revoke all on function audit.seal_chain(bigint[], text[]) from public;

create trigger seal_append_only before update or delete or truncate on audit.seal
    for each statement execute function audit.refuse_change();
