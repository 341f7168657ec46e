-- Runs as the owner after every migration (Flyway callback): gives the hub's runtime role exactly what it needs, on
-- every table the modules' migrations have made, and takes away what would let it rewrite the audit trail.
-- ${runtimerole} is spring.flyway.placeholders.runtimerole (CPIS_DATABASE_RUNTIME_ROLE, default cpis_app). Nothing is
-- done when that role does not exist or is the owner itself (a single-role database; docs/operations.md).
do $$
declare
    runtime text := '${runtimerole}';
    s text;
begin
    if runtime = current_user or not exists (select from pg_roles where rolname = runtime) then
        raise notice 'cpis: runtime role % absent or the owner itself; no grants made', runtime;
        return;
    end if;
    if exists (select from pg_roles where rolname = runtime and (rolsuper or rolbypassrls)) then
        raise exception 'cpis: the runtime role % must not be a superuser or bypass row security', runtime;
    end if;
    for s in select n.nspname from pg_namespace n
              where pg_get_userbyid(n.nspowner) in (current_user, 'pg_database_owner')
                and n.nspname not like 'pg\_%' and n.nspname <> 'information_schema'
    loop
        execute format('grant usage on schema %I to %I', s, runtime);
        execute format('grant select, insert, update, delete on all tables in schema %I to %I', s, runtime);
        execute format('grant usage, select on all sequences in schema %I to %I', s, runtime);
        execute format('grant execute on all functions in schema %I to %I', s, runtime);
        execute format('revoke truncate, references, trigger on all tables in schema %I from %I', s, runtime);
    end loop;
    -- The audit trail: appended to (audit.append), sealed only through audit.seal_chain (security definer), never
    -- changed or removed by the hub's own role.
    execute format('revoke update, delete, truncate on audit.event from %I', runtime);
    execute format('revoke insert, update, delete, truncate on audit.seal from %I', runtime);
    execute format('revoke update, delete, truncate on audit.verification from %I', runtime);
    -- The organisation report's monthly rollup: moved on only through audit.roll_up (security definer, the owner's),
    -- so the hub's own role can read it but cannot change the counts a privacy officer sees.
    execute format('revoke insert, update, delete, truncate on audit.person_month, audit.rollup_mark from %I', runtime);
    execute format('revoke insert, update, delete, truncate on public.flyway_schema_history from %I', runtime);
end
$$;
