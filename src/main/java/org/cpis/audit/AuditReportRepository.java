package org.cpis.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
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
        // Per person first, then per organisation: a hash aggregate over (organisation, person) instead of the
        // sort that count(distinct) needs, which at national scale (a month is ~800,000 entries) is the difference.
        return scoped("""
                        select actor_org, sum(entries), sum(found), count(*)
                          from (select actor_org, actor_id, count(*) as entries,
                                       count(*) filter (where outcome = 'FOUND') as found
                                  from audit.event
                                 where subject_hash is not null and occurred_at >= :from and occurred_at < :to""" + scope(scope) + """
                                 group by actor_org, actor_id) per_person
                         group by actor_org
                         order by actor_org""", scope)
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query((rs, n) -> new OrganisationCount(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
                .list();
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
