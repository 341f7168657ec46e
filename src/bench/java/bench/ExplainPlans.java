package bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cpis.audit.Audit;
import org.cpis.audit.AuditReports;
import org.cpis.audit.ReportStatements;
import org.cpis.records.Records;
import org.cpis.shared.NhsNumber;
import org.cpis.shared.OdsCode;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * EXPLAIN (ANALYZE, BUFFERS) of the national notifications report's query and of the privacy officer's three audit
 * queries (copies of notifications.NotificationFiguresRepository and audit.AuditReportRepository, with the values the
 * pages use: the last 30 days; everything, and an LA's held children; the organisation report's statement taken from
 * the hub itself, for 31 days and a year), so that the benchmark's figures come with the plans that explain them.
 */
final class ExplainPlans {

    /** An LA officer's scope, as audit.AuditReportRepository writes it; the operator's officer has none. */
    private static final String SCOPE =
            " and (subject_hash in (select cast(unnest(cast(:scopeSubjects as text[])) as char(64))))";

    private ExplainPlans() {}

    static void write(ApplicationContext hub, Path out) throws IOException {
        JdbcClient jdbc = hub.getBean(JdbcClient.class);
        Audit audit = hub.getBean(Audit.class);
        Instant to = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
        Instant from = to.minus(31, ChronoUnit.DAYS);
        String la = jdbc.sql("select organisation_ods from identity.person where username = 'caldicott.guardian'")
                .query(String.class)
                .single();
        List<NhsNumber> held = hub.getBean(Records.class).heldBy(new OdsCode(la));
        String heldHashes =
                "{" + String.join(",", held.stream().map(audit::subjectHash).toList()) + "}";
        String subject = jdbc.sql("select subject_hash from audit.event where subject_hash is not null"
                        + " order by id desc limit 1")
                .query(String.class)
                .single();
        String actor = jdbc.sql("select actor_id from audit.event order by id desc limit 1")
                .query(String.class)
                .single();
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("notifications per LA and month (national, 12 months)", """
                select la_ods, to_char(created_at at time zone 'Europe/London', 'YYYY-MM') as month, count(*)
                  from notifications.notification
                 where created_at >= :yearAgo and created_at < :to
                   and (cast(:la as varchar) is null or la_ods = :la)
                 group by 1, 2
                 order by 1, 2""");
        String columns = "id, occurred_at, actor_id, actor_role, actor_org, action, subject_hash is not null as about,"
                + " outcome, trace_id, detail";
        queries.put(
                "about one child",
                "select " + columns + " from audit.event where subject_hash = :subject"
                        + " and occurred_at >= :from and occurred_at < :to" + SCOPE
                        + " order by occurred_at, id limit 10000");
        queries.put(
                "one person",
                "select " + columns + " from audit.event where actor_id = :actor"
                        + " and occurred_at >= :from and occurred_at < :to" + SCOPE
                        + " order by occurred_at, id limit 10000");
        StringBuilder text = new StringBuilder();
        for (boolean everything : new boolean[] {true, false}) {
            for (Map.Entry<String, String> q : queries.entrySet()) {
                if (!everything && q.getKey().startsWith("notifications")) {
                    continue;
                }
                text.append("== ")
                        .append(q.getKey())
                        .append(everything ? "" : " (an LA's privacy officer: " + held.size() + " children held)")
                        .append(" ==\n");
                jdbc.sql("explain (analyze, buffers) " + q.getValue().replace(SCOPE, everything ? "" : SCOPE))
                        .param("yearAgo", Timestamp.from(to.minus(366, ChronoUnit.DAYS)))
                        .param("from", Timestamp.from(from))
                        .param("to", Timestamp.from(to))
                        .param("la", null)
                        .param("subject", subject)
                        .param("actor", actor)
                        .param("scopeSubjects", everything ? "{}" : heldHashes)
                        .query(String.class)
                        .list()
                        .forEach(line -> text.append(line).append('\n'));
                text.append('\n');
            }
        }
        // The organisation report as the hub runs it (audit.ReportStatements): for the operator's officer over whole
        // months, the monthly rollup and the trail around it; for an LA's officer, the raw trail of its children.
        List<NhsNumber> none = List.of();
        for (Collection<NhsNumber> subjects : List.of(none, held)) {
            AuditReports.Scope scope =
                    subjects.isEmpty() ? AuditReports.Scope.all() : new AuditReports.Scope(false, null, subjects);
            for (int days : new int[] {31, 365}) {
                Instant since = to.minus(days, ChronoUnit.DAYS);
                text.append("== by organisation, ")
                        .append(days)
                        .append(" days")
                        .append(
                                subjects.isEmpty()
                                        ? ""
                                        : " (an LA's privacy officer: " + held.size() + " children held)")
                        .append(" ==\n");
                jdbc.sql("explain (analyze, buffers) " + ReportStatements.byOrganisation(since, to, scope))
                        .params(ReportStatements.byOrganisationParameters(since, to))
                        .param("scopeSubjects", subjects.isEmpty() ? "{}" : heldHashes)
                        .query(String.class)
                        .list()
                        .forEach(line -> text.append(line).append('\n'));
                text.append('\n');
            }
        }
        Files.writeString(out, text);
    }
}
