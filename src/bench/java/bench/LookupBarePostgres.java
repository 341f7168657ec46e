package bench;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

/**
 * The same reads and writes as one unscheduled FHIR CareTeam lookup that finds a record, in one transaction on a
 * connection of its own pool (one per client thread) to the hub's database, with no HTTP, security, Spring or FHIR in
 * between: the "bare PostgreSQL" figure the hub is compared with. The statements are the ones the hub runs, copied from
 * AccessRepository.readAndRecord (records, access and audit entry in one statement; a FHIR search does not read the
 * previous accesses),
 * NotificationCreator.onUnscheduledAccess (its
 * advisory locks, the open-group check, then either one more access counted or a new notification with, when an
 * SMTP server is configured, its e-mail delivery, and the webhook check; then the access added to the notification's
 * list of who looked) (the audit entry's keyed subject hash computed the same way). The
 * organisation look-ups are served from the hub's in-memory cache, so they are not repeated here; the delivery worker
 * and the audit sealer that run later, outside the lookup, are not part of it.
 */
final class LookupBarePostgres {

    // AccessRepository.readAndRecord, with records.visible's and audit.append's parameters in place.
    static final String READ_AND_RECORD = """
            with found as (
                select * from records.visible(?, ?) v
            ), access as (
                insert into lookup.access (nhs_number, accessed_at, actor_id, actor_name, actor_role, org_ods, org_name,
                                           care_setting_type, unscheduled, channel, trace_id)
                select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
                 where exists (select from found)
                returning id
            ), audited as (
                select audit.append(
                           ?, ?, ?, ?, ?, ?, null,
                           case when exists (select from found) then 'FOUND' else 'NOT_FOUND' end,
                           ?,
                           case when exists (select from found)
                                then 'records=' || (select count(*) from found)
                                     || ' unscheduled=' || cast(? as boolean)
                                     || ' access=' || (select id from access)
                                else 'unscheduled=' || cast(? as boolean) end)
            )
            select f.*, (select id from access) as access_id
              from audited left join found f on true
             order by start_date, id
            """;

    // NotificationCreator.onUnscheduledAccess and create, NotificationRepository.openGroup and countAnother.
    static final String CHILD_LOCK = "select pg_advisory_xact_lock(hashtext(?))";
    static final String OPEN_GROUP = """
            select id from notifications.notification
             where la_ods = ? and nhs_number = ? and org_ods = ? and first_accessed_at >= ?
             order by first_accessed_at desc limit 1
            """;
    static final String COUNT_ANOTHER = """
            update notifications.notification
               set access_count = access_count + 1, last_accessed_at = greatest(last_accessed_at, ?),
                   updated_at = ?
             where id = ?
            """;
    // NotificationCreator.INSERT: the LA's feed lock, then the notification, its deliveries and its first access, in
    // one statement.
    static final String INSERT_NOTIFICATION = """
            with feed_lock as (
                select pg_advisory_xact_lock(hashtext('cpis-notify-feed'), hashtext(?))
            ), notification as (
                insert into notifications.notification
                    (id, la_ods, nhs_number, local_ids, plan_types, first_access_id, first_accessed_at,
                     last_accessed_at, actor_name, actor_role, org_ods, org_name, care_setting_type,
                     allocated_worker, queue, created_at, updated_at)
                select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
                  from feed_lock
                returning id
            ), delivery as (
                insert into notifications.delivery (notification_id, la_ods, channel, next_attempt_at, give_up_at,
                                                    created_at)
                select id, ?, channel, ?, ?, ? from notification cross join unnest(cast(? as varchar[])) as channel
            )
            insert into notifications.notification_access (notification_id, access_id, accessed_at, actor_name,
                                                           actor_role)
            select id, ?, ?, ?, ? from notification
            """;
    static final String WEBHOOKS = "select count(*) from notifications.webhook where la_ods = ? and enabled";
    // NotificationRepository.addAccess: each access of a notification, with the person who looked (issue 12).
    static final String ADD_ACCESS = """
            insert into notifications.notification_access (notification_id, access_id, accessed_at, actor_name,
                                                           actor_role)
            values (?, ?, ?, ?, ?)
            on conflict do nothing
            """;

    private static final ZoneId ENGLAND = ZoneId.of("Europe/London");
    private static final String ORG = "X1A01";
    // The loop notifies as an organisation of its own. Runs last, as the hub's organisation it would find most children
    // already notified by the hub's runs and mostly count accesses on open notifications, which is less work than the
    // hub's runs did (0.47 new notifications per lookup against the hub's 0.81 at `2d8f8f8`). On its own code its
    // grouping starts empty, as the hub's did.
    private static final String NOTIFYING_ORG = "X9B01";

    private final DataSource dataSource;
    private final String[] numbers;
    private final Clock clock = Clock.systemUTC();
    private final SecretKeySpec key;
    private final boolean mailConfigured;

    LookupBarePostgres(DataSource dataSource, String[] numbers, boolean mailConfigured) {
        this.dataSource = dataSource;
        this.mailConfigured = mailConfigured;
        this.numbers = numbers;
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        this.key = new SecretKeySpec(bytes, "HmacSHA256");
    }

    LookupRun.Operation worker(int worker) {
        return sequence -> lookup("bench-pg-" + worker + "-" + sequence);
    }

    private LookupRun.Outcome lookup(String traceId) throws Exception {
        String nhs = numbers[ThreadLocalRandom.current().nextInt(numbers.length)];
        Instant now = Instant.now(clock);
        LocalDate today = LocalDate.now(clock.withZone(ENGLAND));
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int found = 0;
                String la = null;
                String localId = null;
                String plan = null;
                String worker = null;
                long accessId = 0;
                try (PreparedStatement ps = c.prepareStatement(READ_AND_RECORD)) {
                    ps.setString(1, nhs);
                    ps.setObject(2, today);
                    ps.setString(3, nhs);
                    ps.setTimestamp(4, Timestamp.from(now));
                    ps.setString(5, "bench-jdbc");
                    ps.setString(6, "Bench JDBC loop");
                    ps.setString(7, "HEALTH_SYSTEM");
                    ps.setString(8, ORG);
                    ps.setString(9, "Northfield General Hospital Emergency Department");
                    ps.setString(10, "EMERGENCY_DEPARTMENT");
                    ps.setBoolean(11, true);
                    ps.setString(12, "FHIR");
                    ps.setString(13, traceId);
                    ps.setTimestamp(14, Timestamp.from(now));
                    ps.setString(15, "bench-jdbc");
                    ps.setString(16, "HEALTH_SYSTEM");
                    ps.setString(17, ORG);
                    ps.setString(18, "LOOKUP_FHIR");
                    ps.setString(19, subjectHash(nhs));
                    ps.setString(20, traceId);
                    ps.setBoolean(21, true);
                    ps.setBoolean(22, true);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            accessId = rs.getLong("access_id");
                            rs.getLong("id");
                            if (rs.wasNull()) {
                                continue;
                            }
                            la = rs.getString("la_ods"); // every benchmark person has one record, so one LA
                            plan = rs.getString("plan_type");
                            localId = rs.getString("local_id");
                            rs.getObject("date_of_birth", LocalDate.class);
                            rs.getObject("start_date", LocalDate.class);
                            rs.getObject("end_date", LocalDate.class);
                            rs.getObject("expected_delivery_date", LocalDate.class);
                            worker = rs.getString("allocated_worker");
                            found++;
                        }
                    }
                }
                if (found == 0) {
                    c.rollback();
                    return LookupRun.Outcome.EMPTY;
                }
                notify(c, nhs, la, localId, plan, worker, accessId, now);
                c.commit();
                return LookupRun.Outcome.OK;
            } catch (Exception e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** The responsible LA's notification: a new one, or one more access counted on an open one. */
    private void notify(
            Connection c, String nhs, String la, String localId, String plan, String worker, long accessId, Instant now)
            throws Exception {
        try (PreparedStatement ps = c.prepareStatement(CHILD_LOCK)) {
            ps.setString(1, "cpis-notify:" + la + ":" + nhs + ":" + NOTIFYING_ORG);
            ps.executeQuery().close();
        }
        UUID open = null;
        try (PreparedStatement ps = c.prepareStatement(OPEN_GROUP)) {
            ps.setString(1, la);
            ps.setString(2, nhs);
            ps.setString(3, NOTIFYING_ORG);
            ps.setTimestamp(4, Timestamp.from(now.minus(Duration.ofHours(12))));
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    open = rs.getObject(1, UUID.class);
                }
            }
        }
        Timestamp at = Timestamp.from(now);
        if (open != null) {
            try (PreparedStatement ps = c.prepareStatement(COUNT_ANOTHER)) {
                ps.setTimestamp(1, at);
                ps.setTimestamp(2, at);
                ps.setObject(3, open);
                ps.executeUpdate();
            }
            addAccess(c, open, accessId, at);
            return;
        }
        // The channels are read before the feed lock, which the insert takes and holds to the commit.
        try (PreparedStatement ps = c.prepareStatement(WEBHOOKS)) {
            ps.setString(1, la);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                rs.getInt(1);
            }
        }
        // The demo LAs have a duty team mailbox: the hub queues the e-mail backup when an SMTP server is configured.
        String[] channels = mailConfigured ? new String[] {"EMAIL"} : new String[0];
        try (PreparedStatement ps = c.prepareStatement(INSERT_NOTIFICATION)) {
            ps.setString(1, la);
            ps.setObject(2, UUID.randomUUID());
            ps.setString(3, la);
            ps.setString(4, nhs);
            ps.setString(5, localId);
            ps.setString(6, plan);
            ps.setLong(7, accessId);
            ps.setTimestamp(8, at);
            ps.setTimestamp(9, at);
            ps.setString(10, "Bench JDBC loop");
            ps.setString(11, "HEALTH_SYSTEM");
            ps.setString(12, NOTIFYING_ORG);
            ps.setString(13, "Northfield General Hospital Emergency Department");
            ps.setString(14, "EMERGENCY_DEPARTMENT");
            ps.setString(15, worker);
            ps.setString(16, worker == null ? "MASH" : "SOCIAL_WORKER");
            ps.setTimestamp(17, at);
            ps.setTimestamp(18, at);
            ps.setString(19, la);
            ps.setTimestamp(20, at);
            ps.setTimestamp(21, Timestamp.from(now.plus(Duration.ofHours(25))));
            ps.setTimestamp(22, at);
            ps.setArray(23, c.createArrayOf("varchar", channels));
            ps.setLong(24, accessId);
            ps.setTimestamp(25, at);
            ps.setString(26, "Bench JDBC loop");
            ps.setString(27, "HEALTH_SYSTEM");
            ps.executeUpdate();
        }
    }

    private static void addAccess(Connection c, UUID notification, long accessId, Timestamp at) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(ADD_ACCESS)) {
            ps.setObject(1, notification);
            ps.setLong(2, accessId);
            ps.setTimestamp(3, at);
            ps.setString(4, "Bench JDBC loop");
            ps.setString(5, "HEALTH_SYSTEM");
            ps.executeUpdate();
        }
    }

    private String subjectHash(String nhs) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(key);
        return HexFormat.of().formatHex(mac.doFinal(nhs.getBytes(StandardCharsets.US_ASCII)));
    }
}
