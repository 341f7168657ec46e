-- The audit trail: append-only (enforced here, not just by convention) and tamper-evident (a hash chain sealed by a
-- scheduled job, see AuditSealer). It keeps what the law needs after a record is purged: who, when, which action,
-- and a keyed one-way hash of the NHS number — never the number itself.
create schema if not exists audit;

create table audit.event (
    id            bigint       generated always as identity primary key,
    occurred_at   timestamptz  not null,
    actor_id      varchar(100) not null,
    actor_role    varchar(40)  not null,
    actor_org     varchar(10)  not null,
    action        varchar(40)  not null,
    subject_hash  char(64),
    subject_ref   varchar(100),
    outcome       varchar(20)  not null,
    trace_id      varchar(64),
    detail        varchar(500),
    -- sha256(previous chain_hash || this row's content), filled once, in id order, by the sealing job.
    chain_hash    char(64)
);

create index event_by_subject on audit.event (subject_hash, occurred_at);
create index event_by_actor_org on audit.event (actor_org, occurred_at);
create index event_unsealed on audit.event (id) where chain_hash is null;

-- Key for the subject hash when the operator has not provided one (embedded default only).
create table audit.installation_key (
    id   boolean primary key default true check (id),
    key  bytea   not null
);

create function audit.forbid_change() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' and old.chain_hash is null and new.chain_hash is not null
       and (old.id, old.occurred_at, old.actor_id, old.actor_role, old.actor_org, old.action, old.subject_hash,
            old.subject_ref, old.outcome, old.trace_id, old.detail)
           is not distinct from
           (new.id, new.occurred_at, new.actor_id, new.actor_role, new.actor_org, new.action, new.subject_hash,
            new.subject_ref, new.outcome, new.trace_id, new.detail) then
        return new;
    end if;
    raise exception 'audit.event is append-only';
end;
$$;

create trigger event_append_only before update or delete on audit.event
    for each row execute function audit.forbid_change();
