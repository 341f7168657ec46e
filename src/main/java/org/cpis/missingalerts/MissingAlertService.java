package org.cpis.missingalerts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.cpis.audit.Audit;
import org.cpis.audit.AuditEntry;
import org.cpis.identity.Actor;
import org.cpis.identity.Role;
import org.cpis.organisations.Organisations;
import org.cpis.shared.NhsNumber;
import org.cpis.shared.OdsCode;
import org.cpis.shared.web.TraceIdFilter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class MissingAlertService implements MissingAlerts {

    private static final String COLUMNS = "id, la_ods, nhs_number, reporter_name, reporter_role, reporter_org_ods,"
            + " reporter_org_name, contact_phone, contact_email, note, status, resolved_by, resolved_at, created_at";

    private final JdbcClient jdbc;
    private final Organisations organisations;
    private final Audit audit;
    private final Clock clock;

    MissingAlertService(JdbcClient jdbc, Organisations organisations, Audit audit, Clock clock) {
        this.jdbc = jdbc;
        this.organisations = organisations;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    @Transactional
    public MissingAlert report(Actor reporter, Report report) {
        if (!reporter.hasRole(Role.UNSCHEDULED_CLINICIAN, Role.SCHEDULED_CLINICIAN)) {
            throw new AccessDeniedException("only clinicians report missing alerts");
        }
        if (organisations.localAuthority(report.localAuthority()).isEmpty()) {
            throw new IllegalArgumentException("not a registered local authority");
        }
        Report given = new Report(
                report.localAuthority(),
                report.nhsNumber(),
                blankToNull(report.contactPhone()),
                blankToNull(report.contactEmail()),
                blankToNull(report.note()));
        check(given);
        UUID id = UUID.randomUUID();
        insert(id, reporter, given);
        audit(
                reporter,
                "MISSING_ALERT_REPORTED",
                report.nhsNumber(),
                id,
                "REPORTED",
                "la=" + report.localAuthority().value());
        return find(report.localAuthority(), id).orElseThrow();
    }

    private static void check(Report report) {
        if (report.contactPhone() == null && report.contactEmail() == null) {
            throw new IllegalArgumentException("a phone number or an e-mail address is required");
        }
        if (tooLong(report.contactPhone(), MAX_PHONE)
                || tooLong(report.contactEmail(), MAX_EMAIL)
                || tooLong(report.note(), MAX_NOTE)) {
            throw new IllegalArgumentException("a field is too long");
        }
    }

    private static boolean tooLong(String value, int max) {
        return value != null && value.length() > max;
    }

    private void insert(UUID id, Actor reporter, Report report) {
        String organisationName =
                reporter.organisationName() == null ? reporter.organisation().value() : reporter.organisationName();
        jdbc.sql("""
                insert into notifications.missing_alert
                    (id, la_ods, nhs_number, reporter_name, reporter_role, reporter_org_ods, reporter_org_name,
                     contact_phone, contact_email, note, created_at)
                values (:id, :la, :nhs, :name, :role, :org, :orgName, :phone, :email, :note, :now)
                """)
                .param("id", id)
                .param("la", report.localAuthority().value())
                .param("nhs", report.nhsNumber().value())
                .param("name", truncate(reporter.displayName() == null ? reporter.id() : reporter.displayName(), 200))
                .param("role", reporter.role().name())
                .param("org", reporter.organisation().value())
                .param("orgName", truncate(organisationName, 200))
                .param("phone", report.contactPhone())
                .param("email", report.contactEmail())
                .param("note", report.note())
                .param("now", Timestamp.from(Instant.now(clock)))
                .update();
    }

    @Override
    @Transactional
    public Queue queue(Actor dataManager, int resolvedLimit) {
        requireDataManager(dataManager);
        OdsCode la = dataManager.organisation();
        List<MissingAlert> open = jdbc.sql("select " + COLUMNS + " from notifications.missing_alert"
                        + " where la_ods = :la and status = 'OPEN' order by created_at, id")
                .param("la", la.value())
                .query(MissingAlertService::map)
                .list();
        List<MissingAlert> resolved = jdbc.sql("select " + COLUMNS + " from notifications.missing_alert"
                        + " where la_ods = :la and status = 'RESOLVED' order by resolved_at desc, id limit :limit")
                .param("la", la.value())
                .param("limit", resolvedLimit)
                .query(MissingAlertService::map)
                .list();
        // A list of NHS numbers and reporters' contact details is a read of personal data.
        audit(
                dataManager,
                "MISSING_ALERTS_VIEWED",
                null,
                null,
                "VIEWED",
                "open=" + open.size() + " resolved=" + resolved.size());
        return new Queue(open, resolved);
    }

    @Override
    @Transactional
    public boolean resolve(Actor dataManager, UUID id) {
        requireDataManager(dataManager);
        OdsCode la = dataManager.organisation();
        Optional<String> resolved = jdbc.sql("""
                        update notifications.missing_alert
                           set status = 'RESOLVED', resolved_by = :by, resolved_at = :now
                         where la_ods = :la and id = :id and status = 'OPEN'
                        returning nhs_number
                        """)
                .param("by", truncate(dataManager.id(), 100))
                .param("now", Timestamp.from(Instant.now(clock)))
                .param("la", la.value())
                .param("id", id)
                .query(String.class)
                .optional();
        if (resolved.isPresent()) {
            audit(dataManager, "MISSING_ALERT_RESOLVED", NhsNumber.of(resolved.get()), id, "RESOLVED", null);
            return true;
        }
        return find(la, id).isPresent();
    }

    private Optional<MissingAlert> find(OdsCode la, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from notifications.missing_alert where la_ods = :la and id = :id")
                .param("la", la.value())
                .param("id", id)
                .query(MissingAlertService::map)
                .optional();
    }

    private void audit(Actor actor, String action, NhsNumber subject, UUID id, String outcome, String detail) {
        audit.record(new AuditEntry(
                actor.id(),
                actor.role().name(),
                actor.organisation().value(),
                action,
                subject,
                id == null ? null : "missing-alert:" + id,
                outcome,
                TraceIdFilter.current(),
                detail));
    }

    private static void requireDataManager(Actor actor) {
        if (!actor.hasRole(Role.LA_DATA_MANAGER)) {
            throw new AccessDeniedException("only LA data managers handle missing-alert reports");
        }
    }

    private static MissingAlert map(ResultSet rs, int row) throws SQLException {
        Timestamp resolvedAt = rs.getTimestamp("resolved_at");
        return new MissingAlert(
                rs.getObject("id", UUID.class),
                new OdsCode(rs.getString("la_ods")),
                NhsNumber.of(rs.getString("nhs_number")),
                rs.getString("reporter_name"),
                rs.getString("reporter_role"),
                new OdsCode(rs.getString("reporter_org_ods")),
                rs.getString("reporter_org_name"),
                rs.getString("contact_phone"),
                rs.getString("contact_email"),
                rs.getString("note"),
                MissingAlert.Status.valueOf(rs.getString("status")),
                rs.getString("resolved_by"),
                resolvedAt == null ? null : resolvedAt.toInstant(),
                rs.getTimestamp("created_at").toInstant());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
