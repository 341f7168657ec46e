package org.cpis.notifications;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.cpis.shared.OdsCode;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Deliveries waiting, claimed and done. Due ones are claimed with {@code FOR UPDATE SKIP LOCKED} and a lease, so any
 * number of nodes share the work and a node that dies mid-delivery only delays it until the lease runs out.
 */
@Repository
class DeliveryQueue {

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate named;

    DeliveryQueue(JdbcClient jdbc, NamedParameterJdbcTemplate named) {
        this.jdbc = jdbc;
        this.named = named;
    }

    /**
     * @param leaseUntil the claim's lease, as stored: the outcome is recorded only while the row still holds it
     * @param notification what is delivered: an access notification, or else
     * @param notice an inactive NHS number notice (issue 18)
     */
    record Claimed(
            long id,
            Channel channel,
            int attempts,
            Instant giveUpAt,
            Instant leaseUntil,
            Notification notification,
            InactiveNumberNotice notice) {

        OdsCode localAuthority() {
            return notice != null ? notice.localAuthority() : notification.localAuthority();
        }

        /** The notification's or notice's id: the webhook-id, and what log lines name. */
        UUID subject() {
            return notice != null ? notice.id() : notification.id();
        }
    }

    /** @param error null when delivered, otherwise what went wrong (no personal data) */
    record Outcome(Claimed delivery, String error) {}

    /** A failed attempt: tried again at {@code next}, or given up. */
    record Failure(Claimed delivery, boolean giveUp, Instant next, String error) {}

    void add(UUID notification, OdsCode la, Channel channel, Instant now, Instant giveUpAt) {
        add("notification_id", notification, la, channel, now, giveUpAt);
    }

    /** A delivery of an inactive NHS number notice. */
    void addNotice(UUID notice, OdsCode la, Channel channel, Instant now, Instant giveUpAt) {
        add("notice_id", notice, la, channel, now, giveUpAt);
    }

    private void add(String column, UUID subject, OdsCode la, Channel channel, Instant now, Instant giveUpAt) {
        jdbc.sql("insert into notifications.delivery (" + column
                        + ", la_ods, channel, next_attempt_at, give_up_at, created_at)"
                        + " values (:n, :la, :channel, :now, :giveUp, :now)")
                .param("n", subject)
                .param("la", la.value())
                .param("channel", channel.name())
                .param("now", Timestamp.from(now))
                .param("giveUp", Timestamp.from(giveUpAt))
                .update();
    }

    /** A notification's columns as the claim selects them (by their own names), then a notice's (prefixed). */
    private static final String CLAIMED_COLUMNS = Arrays.stream(NotificationRepository.COLUMNS.split(","))
                    .map(c -> "n." + c.strip())
                    .collect(Collectors.joining(", "))
            + ", " + InactiveNoticeRepository.columns("i", "notice_");

    /**
     * Claims due deliveries with their notifications (or notices) in one statement. A purged notification took its
     * deliveries with it. Webhook deliveries of an LA whose endpoint is {@code backingOff} stay where they are.
     */
    List<Claimed> claim(Instant now, Instant lease, int batch, List<OdsCode> backingOff) {
        return jdbc.sql("with claimed as (update notifications.delivery d set next_attempt_at = :lease"
                        + " where d.id in (select id from notifications.delivery"
                        + "                 where status = 'PENDING' and next_attempt_at <= :now"
                        + "                   and not (channel = 'WEBHOOK' and la_ods = any(:backingOff::varchar[]))"
                        + "                 order by next_attempt_at limit :batch for update skip locked)"
                        + " returning d.id delivery_id, d.notification_id, d.notice_id subject_notice, d.channel,"
                        + " d.attempts, d.give_up_at, d.next_attempt_at lease_until)"
                        + " select delivery_id, channel, attempts, give_up_at, lease_until, subject_notice, "
                        + CLAIMED_COLUMNS
                        + " from claimed left join notifications.notification n on n.id = claimed.notification_id"
                        + " left join notifications.inactive_number_notice i on i.id = claimed.subject_notice")
                .param("lease", Timestamp.from(lease))
                .param("now", Timestamp.from(now))
                .param("batch", batch)
                .param("backingOff", backingOff.stream().map(OdsCode::value).toArray(String[]::new))
                .query((rs, n) -> new Claimed(
                        rs.getLong("delivery_id"),
                        Channel.valueOf(rs.getString("channel")),
                        rs.getInt("attempts"),
                        rs.getTimestamp("give_up_at").toInstant(),
                        rs.getObject("lease_until", OffsetDateTime.class).toInstant(),
                        rs.getObject("subject_notice") == null ? NotificationRepository.map(rs, n) : null,
                        rs.getObject("subject_notice") == null ? null : InactiveNoticeRepository.map(rs, "notice_")))
                .list();
    }

    void delivered(List<Claimed> deliveries, Instant now) {
        if (deliveries.isEmpty()) {
            return;
        }
        named.batchUpdate("""
                update notifications.delivery set status = 'DELIVERED', delivered_at = :now,
                                                  attempts = attempts + 1, last_error = null
                 where id = :id and status = 'PENDING' and next_attempt_at = :lease
                """, deliveries.stream().map(d -> held(d, now)).toArray(SqlParameterSource[]::new));
    }

    /** @return for each failure, whether it was recorded (false: another node's claim had taken it over) */
    int[] failed(List<Failure> failures, Instant now) {
        if (failures.isEmpty()) {
            return new int[0];
        }
        return named.batchUpdate(
                """
                update notifications.delivery set status = :status, attempts = :attempts, next_attempt_at = :next,
                                                  last_error = :error
                 where id = :id and status = 'PENDING' and next_attempt_at = :lease
                """, failures.stream().map(f -> failure(f, now)).toArray(SqlParameterSource[]::new));
    }

    private static MapSqlParameterSource held(Claimed delivery, Instant now) {
        return new MapSqlParameterSource()
                .addValue("id", delivery.id())
                .addValue("lease", delivery.leaseUntil().atOffset(ZoneOffset.UTC))
                .addValue("now", Timestamp.from(now));
    }

    private static MapSqlParameterSource failure(Failure f, Instant now) {
        String error = f.error().length() > 300 ? f.error().substring(0, 300) : f.error();
        return held(f.delivery(), now)
                .addValue("status", (f.giveUp() ? DeliveryState.FAILED : DeliveryState.PENDING).name())
                .addValue("attempts", f.delivery().attempts() + 1)
                .addValue("next", Timestamp.from(f.giveUp() ? now : f.next()))
                .addValue("error", error);
    }

    List<DeliveryStatus> failures(OdsCode la, int limit) {
        return jdbc.sql("""
                        select coalesce(d.notification_id, d.notice_id), d.channel, d.status, d.attempts, d.last_error
                          from notifications.delivery d
                         where d.la_ods = :la and d.status = 'FAILED'
                         order by d.created_at desc limit :limit
                        """)
                .param("la", la.value())
                .param("limit", limit)
                .query((rs, n) -> new DeliveryStatus(
                        rs.getObject(1, UUID.class),
                        Channel.valueOf(rs.getString(2)),
                        DeliveryState.valueOf(rs.getString(3)),
                        rs.getInt(4),
                        rs.getString(5)))
                .list();
    }
}
