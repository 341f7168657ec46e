-- The NHS numbers an LA holds a plan for: the records module's database API for other modules' reports (an LA's own
-- view of the accesses to its children, lookup.AccessFigures), so that no other module reads records.record itself.
create function records.held_by(holder varchar)
returns table (nhs_number char(10))
language sql stable
as $$
    select distinct r.nhs_number from records.record r where r.la_ods = holder
$$;
