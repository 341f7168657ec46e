-- Appends one audit entry and returns its id. AuditService writes every entry through it, and the health lookup
-- calls it inside the one statement that reads the records and records the access (lookup.AccessRepository), so
-- that a silent read is one round trip to the database and still audited in the same transaction. PL/pgSQL rather
-- than SQL: PostgreSQL 15 plans a SQL function's body again in every statement that calls it, while PL/pgSQL keeps
-- the insert's plan for the session.
create function audit.append(
    p_occurred_at  timestamptz,
    p_actor_id     varchar,
    p_actor_role   varchar,
    p_actor_org    varchar,
    p_action       varchar,
    p_subject_hash char(64),
    p_subject_ref  varchar,
    p_outcome      varchar,
    p_trace_id     varchar,
    p_detail       varchar)
returns bigint
language plpgsql volatile
as $$
declare
    new_id bigint;
begin
    insert into audit.event (occurred_at, actor_id, actor_role, actor_org, action, subject_hash, subject_ref,
                             outcome, trace_id, detail)
    values (p_occurred_at, p_actor_id, p_actor_role, p_actor_org, p_action, p_subject_hash, p_subject_ref,
            p_outcome, p_trace_id, p_detail)
    returning id into new_id;
    return new_id;
end;
$$;
