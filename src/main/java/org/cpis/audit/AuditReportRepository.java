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

    /** The scope as SQL: everything, or the organisation's own entries, or entries about the given people. */
    private static final String SCOPE =
            " and (:everything or actor_org = :scopeOrg" + " or subject_hash = any(cast(:scopeSubjects as text[])))";

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
                                + " and occurred_at >= :from and occurred_at < :to" + SCOPE
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
                                + " and occurred_at >= :from and occurred_at < :to" + SCOPE
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
        return scoped("""
                        select actor_org, count(*), count(*) filter (where outcome = 'FOUND'),
                               count(distinct actor_id)
                          from audit.event
                         where subject_hash is not null and occurred_at >= :from and occurred_at < :to""" + SCOPE + " group by actor_org order by actor_org", scope)
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query((rs, n) -> new OrganisationCount(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
                .list();
    }

    private JdbcClient.StatementSpec scoped(String sql, Scope scope) {
        String subjects = "{"
                + String.join(
                        ",", scope.subjects().stream().map(audit::subjectHash).toList()) + "}";
        return jdbc.sql(sql)
                .param("everything", scope.everything())
                .param("scopeOrg", scope.actorOrganisation())
                .param("scopeSubjects", subjects);
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
