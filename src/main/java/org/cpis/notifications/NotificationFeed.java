package org.cpis.notifications;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.cpis.shared.OdsCode;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The pull API's page: access notifications and inactive NHS number notices in one cursor order (they share the
 * cursor sequence and the per-LA feed lock, so a page holds an LA's rows of both kinds in cursor order).
 */
@Service
class NotificationFeed {

    /** One item of the feed, of either kind, as the pull API sends it. */
    record Item(long cursor, Map<String, Object> body) {}

    private final NotificationRepository notifications;
    private final InactiveNoticeRepository notices;

    NotificationFeed(NotificationRepository notifications, InactiveNoticeRepository notices) {
        this.notifications = notifications;
        this.notices = notices;
    }

    /**
     * How long a poll waits for the lookups writing to its LA's feed (milliseconds each, unless one is stuck); past
     * it the pull API answers 503 with Retry-After (DatabaseUnavailable), and the LA system polls again.
     */
    static final Duration FEED_LOCK_WAIT = Duration.ofSeconds(5);

    /**
     * The first {@code size} of each kind after the cursor, merged in cursor order and cut to {@code size}, read under
     * the LA's feed lock taken exclusively: every row of this LA whose cursor is drawn has committed (or rolled back)
     * and no new one is drawn until this transaction ends, so the reads see one feed and a cursor handed out is never
     * passed by a row that commits later. (Each statement reads committed rows; the lock, not the isolation level,
     * is what keeps them consistent: a snapshot taken before the lock was held would miss rows committed while it
     * waited.)
     */
    @Transactional(readOnly = true)
    public List<Item> page(OdsCode la, long cursor, int size) {
        notifications.lockFeed(la, FEED_LOCK_WAIT);
        List<Notification> page = notifications.feed(la, cursor, size);
        Map<UUID, List<Notification.AccessedBy>> accesses =
                notifications.accessesOf(la, page.stream().map(Notification::id).toList());
        Stream<Item> accessItems = page.stream()
                .map(n -> new Item(
                        n.cursor(), NotificationPayload.withState(n, accesses.getOrDefault(n.id(), List.of()))));
        Stream<Item> noticeItems = notices.feed(la, cursor, size).stream()
                .map(n -> new Item(n.cursor(), NotificationPayload.withState(n)));
        return Stream.concat(accessItems, noticeItems)
                .sorted(Comparator.comparingLong(Item::cursor))
                .limit(size)
                .toList();
    }
}
