package org.cpis.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.cpis.shared.NhsNumber;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class AuditReportRepository implements AuditReports {

    private static final String COLUMNS = "id, occurred_at, actor_id, actor_role, actor_org, action,"
            + " subject_hash is not null as about, outcome, trace_id, detail";

    /**
     * The scope as SQL: everything, or the organisation's own entries, or entries about the given people. Written for
     * each kind of scope rather than as one {@code (:everything or ...)}: an OR of parameters cannot use an index, and
     * an LA's thousands of children compared one by one with every entry of a month took minutes at national scale
     * (docs/benchmarks.md); as a semi-join they are looked up in {@code event_by_subject}.
     */
    private static String scope(Scope scope) {
        if (scope.everything()) {
            return "";
        }
        List<String> parts = new java.util.ArrayList<>();
        if (scope.actorOrganisation() != null) {
            parts.add("actor_org = :scopeOrg");
        }
        if (!scope.subjects().isEmpty()) {
            parts.add("subject_hash in (select cast(unnest(cast(:scopeSubjects as text[])) as char(64)))");
        }
        return parts.isEmpty() ? " and false" : " and (" + String.join(" or ", parts) + ")";
    }

    private final JdbcClient jdbc;
    private final Audit audit;

    AuditReportRepository(JdbcClient jdbc, Audit audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @Override
    @Transactional(readOnly = true)
    public List<Entry> aboutSubject(NhsNumber subject, Instant from, Instant to, Scope scope) {
        return scoped(
                        "select " + COLUMNS + " from audit.event where subject_hash = :subject"
                                + " and occurred_at >= :from and occurred_at < :to" + scope(scope)
                                + " order by occurred_at, id limit :limit",
                        scope)
                .param("subject", audit.subjectHash(subject))
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .param("limit", MAX_ROWS)
                .query(AuditReportRepository::entry)
                .list();
    }

    @Override
    @Transactional(readOnly = true)
    public List<Entry> byActor(String actorId, Instant from, Instant to, Scope scope) {
        return scoped(
                        "select " + COLUMNS + " from audit.event where actor_id = :actor"
                                + " and occurred_at >= :from and occurred_at < :to" + scope(scope)
                                + " order by occurred_at, id limit :limit",
                        scope)
                .param("actor", actorId)
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .param("limit", MAX_ROWS)
                .query(AuditReportRepository::entry)
                .list();
    }

    @Override
    @Transactional(readOnly = true)
    public List<OrganisationCount> byOrganisation(Instant from, Instant to, Scope scope) {
        return scoped(byOrganisationSql(from, to, scope), scope)
                .params(periodParameters(from, to))
                .query((rs, n) -> new OrganisationCount(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
                .list();
    }

    /** The organisation report's statement (also explained as it is by the national benchmark). */
    static String byOrganisationSql(Instant from, Instant to, Scope scope) {
        // An LA officer's scope (the children it holds) is answered from the raw trail: its semi-join on
        // event_by_subject reads only those children's entries and meets the budget over a year; the rollup has no
        // subjects. So are periods without a whole month.
        Map<String, Object> period = periodParameters(from, to);
        boolean wholeMonths = ((Timestamp) period.get("firstMonth")).before((Timestamp) period.get("endMonth"));
        return scope.subjects().isEmpty() && wholeMonths ? rolledUp(scope) : raw(scope);
    }

    /** The period [from, to) and the whole UTC months in it, [firstMonth, endMonth) (empty when none). */
    static Map<String, Object> periodParameters(Instant from, Instant to) {
        Instant firstMonth = monthStart(from).equals(from)
                ? from
                : monthStart(from.atZone(ZoneOffset.UTC).plusMonths(1).toInstant());
        return Map.of(
                "from", Timestamp.from(from),
                "to", Timestamp.from(to),
                "firstMonth", Timestamp.from(firstMonth),
                "endMonth", Timestamp.from(monthStart(to)));
    }

    /**
     * Per person first, then per organisation: a hash aggregate over (organisation, person) instead of the sort that
     * count(distinct) needs, which at national scale (a month is ~800,000 entries) is the difference.
     */
    private static String raw(Scope scope) {
        return String.join(
                "\n",
                "select actor_org, sum(entries), sum(found), count(*)",
                "  from (" + rawPerPerson("occurred_at >= :from and occurred_at < :to", scope) + ") per_person",
                " group by actor_org",
                " order by actor_org");
    }

    /**
     * The whole UTC months [firstMonth, endMonth) from audit.person_month (a year at national scale is ~100,000 rows
     * instead of ~9 million entries), plus from the trail the entries the rollup does not hold: the partial months at
     * either end, each its own branch so that each is one range of event_by_time (or event_by_actor_org), and the
     * entries after the rollup's mark (a range of the primary key: at most a few minutes' entries). The rollup holds
     * exactly the entries up to its mark (audit.roll_up moves both in one transaction) and one statement reads one
     * snapshot, so every entry is counted once: the figures equal a count of the trail.
     */
    private static String rolledUp(Scope scope) {
        // The mark's branch is fenced (offset 0) so that its only index condition is the id range, and that range is
        // closed by max(id) (always true) so that the planner estimates it as narrow: with "id > mark" alone it guessed
        // a third of the trail and read all of it (measured, 3 million entries: 510 ms for 500 entries after the mark;
        // with the closed range, an index scan of the primary key, 1 ms).
        String afterMark = String.join(
                "\n",
                "select actor_org, actor_id, count(*) as entries, count(*) filter (where outcome = 'FOUND') as found",
                "  from (select actor_org, actor_id, outcome, occurred_at, subject_hash from audit.event",
                "         where id > (select last_id from audit.rollup_mark)",
                "           and id <= (select max(id) from audit.event)",
                "        offset 0) after_mark",
                " where subject_hash is not null and occurred_at >= :firstMonth and occurred_at < :endMonth"
                        + scope(scope),
                " group by actor_org, actor_id");
        return String.join(
                "\n",
                "select actor_org, sum(entries), sum(found), count(*)",
                "  from (select actor_org, actor_id, sum(entries) as entries, sum(found) as found",
                "          from (select actor_org, actor_id, entries, found from audit.person_month",
                "                 where month >= :firstMonth and month < :endMonth" + scope(scope),
                "                union all",
                rawPerPerson("occurred_at >= :from and occurred_at < :firstMonth", scope),
                "                union all",
                rawPerPerson("occurred_at >= :endMonth and occurred_at < :to", scope),
                "                union all",
                afterMark + ") parts",
                "         group by actor_org, actor_id) per_person",
                " group by actor_org",
                " order by actor_org");
    }

    private static String rawPerPerson(String period, Scope scope) {
        return String.join(
                "\n",
                "select actor_org, actor_id, count(*) as entries, count(*) filter (where outcome = 'FOUND') as found",
                "  from audit.event",
                " where subject_hash is not null and " + period + scope(scope),
                " group by actor_org, actor_id");
    }

    private static Instant monthStart(Instant at) {
        return at.atZone(ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.DAYS)
                .withDayOfMonth(1)
                .toInstant();
    }

    private JdbcClient.StatementSpec scoped(String sql, Scope scope) {
        String subjects = "{"
                + String.join(
                        ",", scope.subjects().stream().map(audit::subjectHash).toList()) + "}";
        return jdbc.sql(sql).param("scopeOrg", scope.actorOrganisation()).param("scopeSubjects", subjects);
    }

    private static Entry entry(ResultSet rs, int n) throws SQLException {
        return new Entry(
                rs.getLong("id"),
                rs.getTimestamp("occurred_at").toInstant(),
                rs.getString("actor_id"),
                rs.getString("actor_role"),
                rs.getString("actor_org"),
                rs.getString("action"),
                rs.getBoolean("about"),
                rs.getString("outcome"),
                rs.getString("trace_id"),
                rs.getString("detail"));
    }
}
