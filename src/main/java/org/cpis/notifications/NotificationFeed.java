package org.cpis.notifications;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.cpis.shared.OdsCode;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The pull API's page: access notifications and inactive NHS number notices in one cursor order (they share the
 * cursor sequence and the per-LA feed lock, so an LA's rows of both kinds become visible in cursor order).
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
     * The first {@code size} of each kind after the cursor, merged in cursor order and cut to {@code size}. Both are
     * read from one snapshot: read one after the other in two, a notification committed in between with a cursor below
     * a notice's could be skipped by a cursor moved past it.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public List<Item> page(OdsCode la, long cursor, int size) {
        List<Notification> page = notifications.feed(la, cursor, size);
        Map<UUID, List<Notification.AccessedBy>> accesses =
                notifications.accessesOf(page.stream().map(Notification::id).toList());
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
