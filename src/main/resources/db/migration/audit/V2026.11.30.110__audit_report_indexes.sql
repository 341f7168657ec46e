-- Issue 15: the privacy officer's reports on a national trail (ten million entries; docs/benchmarks.md, "National
-- scale"). Entries about one child already have event_by_subject, a trust's own entries event_by_actor_org.

-- Everything one person or system did in a period (AuditReports.byActor).
create index event_by_actor on audit.event (actor_id, occurred_at);

-- A period's entries for the operator's privacy officer (the organisation report over everything). The trail is
-- appended in time order, so a BRIN index of block ranges finds a month's entries with a few hundred kilobytes of
-- index, where a B-tree over ten million timestamps would be hundreds of megabytes.
create index event_by_time on audit.event using brin (occurred_at);
