package org.cpis.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.cpis.HubClient;
import tools.jackson.databind.JsonNode;

/**
 * After a crash and restart: what the clients were told happened did happen, and nothing happened by halves. Reads
 * the tables straight (the hub's own answers are what is being checked) and the LA's pull API.
 */
final class CrashReconciliation {

    private static final String LA = "E08000025";

    private final CrashLedger ledger;
    private final String jdbcUrl;

    CrashReconciliation(CrashLedger ledger, String jdbcUrl) {
        this.ledger = ledger;
        this.jdbcUrl = jdbcUrl;
    }

    /** Returns a one-line summary of what was checked. */
    String check(HubClient hub) throws SQLException {
        try (Connection db = DriverManager.getConnection(jdbcUrl)) {
            int files = uploadsAppliedWholeOrNotAtAll(db);
            int accesses = everyAnsweredLookupRecorded(db);
            int notifications = everyAccessAuditedAndNotified(db);
            int pulled = pullApiHasNoDuplicates(hub, db);
            assertThat(ledger.failures).as("client failures").isEmpty();
            return "statuses %s, endings %s; files sent %d (acknowledged %d, applied %d); lookups answered %d (accesses %d); notifications %d, pulled %d"
                    .formatted(
                            ledger.statuses,
                            ledger.endings,
                            ledger.sent.size(),
                            ledger.acknowledged.size(),
                            files,
                            ledger.lookups.size(),
                            accesses,
                            notifications,
                            pulled);
        }
    }

    /** Each file: all its valid rows and its upload row, or none of them; an acknowledged file, all of them. */
    private int uploadsAppliedWholeOrNotAtAll(Connection db) throws SQLException {
        int applied = 0;
        for (CrashLedger.SentFile file : ledger.sent) {
            Integer loaded = uploadLoaded(db, file.sequence());
            int present = recordsOf(db, file.validChildren());
            CrashLedger.Acknowledged ack = ledger.acknowledged.get(file.sequence());
            if (ack != null) {
                assertThat(loaded)
                        .as("acknowledged upload %d is stored", file.sequence())
                        .isEqualTo(ack.loaded());
            }
            if (loaded == null) {
                assertThat(present)
                        .as("rows of upload %d without its upload", file.sequence())
                        .isZero();
            } else {
                assertThat(present)
                        .as("rows of upload %d", file.sequence())
                        .isEqualTo(loaded)
                        .isEqualTo(file.validChildren().size());
                applied++;
            }
        }
        return applied;
    }

    private static Integer uploadLoaded(Connection db, long sequence) throws SQLException {
        try (PreparedStatement s =
                db.prepareStatement("select loaded from uploads.upload where la_ods = ? and sequence = ?")) {
            s.setString(1, LA);
            s.setLong(2, sequence);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getInt(1) : null;
            }
        }
    }

    private static int recordsOf(Connection db, List<String> children) throws SQLException {
        try (PreparedStatement s =
                db.prepareStatement("select count(*) from records.record where la_ods = ? and nhs_number = any (?)")) {
            s.setString(1, LA);
            s.setArray(2, db.createArrayOf("text", children.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** A lookup answered with records has its access row; every answered lookup has its audit entry. */
    private int everyAnsweredLookupRecorded(Connection db) throws SQLException {
        int accesses = 0;
        for (CrashLedger.AnsweredLookup lookup : ledger.lookups) {
            int access = count(db, "select count(*) from lookup.access where trace_id = ?", lookup.traceId());
            assertThat(access).as("access rows of lookup %s", lookup.traceId()).isEqualTo(lookup.total() > 0 ? 1 : 0);
            assertThat(count(db, "select count(*) from audit.event where trace_id = ?", lookup.traceId()))
                    .as("audit entries of lookup %s", lookup.traceId())
                    .isPositive();
            accesses += access;
        }
        return accesses;
    }

    /**
     * Every access the database holds (answered or not) has its audit entry, and the notifications count every
     * unscheduled access of each child; each notification has its e-mail delivery (the drill's hub has mail set up).
     */
    private static int everyAccessAuditedAndNotified(Connection db) throws SQLException {
        assertThat(count(db, """
                        select count(*) from lookup.access a
                         where not exists (select 1 from audit.event e where e.trace_id = a.trace_id)
                        """)).as("accesses without an audit entry").isZero();
        assertThat(count(db, """
                        select count(*) from (
                            select a.nhs_number, count(*) as accesses,
                                   (select coalesce(sum(n.access_count), 0) from notifications.notification n
                                     where n.nhs_number = a.nhs_number) as notified
                              from lookup.access a where a.unscheduled group by a.nhs_number) c
                         where c.accesses <> c.notified
                        """))
                .as("children whose unscheduled accesses and notified accesses differ")
                .isZero();
        assertThat(count(db, """
                        select count(*) from notifications.notification n
                         where not exists (select 1 from notifications.delivery d where d.notification_id = n.id)
                        """)).as("notifications without a delivery").isZero();
        return count(db, "select count(*) from notifications.notification where la_ods = ?", LA);
    }

    /** The LA's pull API pages through every notification once. */
    private static int pullApiHasNoDuplicates(HubClient hub, Connection db) throws SQLException {
        String token = hub.accessToken("birmingham-case-system", "demo-secret");
        Set<String> ids = new HashSet<>();
        List<String> duplicates = new ArrayList<>();
        long cursor = 0;
        while (true) {
            HttpResponse<String> page = hub.get("/api/v1/notifications?after=" + cursor + "&limit=1000", token);
            assertThat(page.statusCode()).isEqualTo(200);
            JsonNode body = HubClient.json(page);
            if (body.get("notifications").isEmpty()) {
                break;
            }
            for (JsonNode n : body.get("notifications")) {
                if (!ids.add(n.get("id").asString())) {
                    duplicates.add(n.get("id").asString());
                }
            }
            cursor = body.get("nextCursor").asLong();
        }
        assertThat(duplicates).as("notifications pulled twice").isEmpty();
        assertThat(ids).hasSize(count(db, "select count(*) from notifications.notification where la_ods = ?", LA));
        return ids.size();
    }

    private static int count(Connection db, String sql, String... parameters) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
