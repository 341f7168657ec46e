package org.cpis.notifications;

import java.util.List;
import java.util.UUID;
import org.cpis.identity.Actor;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The pull API for LA systems (docs/interfaces.md section 5): an ordered, cursor-paged feed and acknowledgements. */
@RestController
class NotificationApiController {

    record Feed(List<Object> notifications, long nextCursor) {}

    private final Notifications notifications;
    private final InactiveNumberNotices notices;
    private final NotificationFeed feed;

    NotificationApiController(Notifications notifications, InactiveNumberNotices notices, NotificationFeed feed) {
        this.notifications = notifications;
        this.notices = notices;
        this.feed = feed;
    }

    @GetMapping("/api/v1/notifications")
    ResponseEntity<?> feed(
            Actor actor,
            @RequestParam(name = "after", defaultValue = "0") String after,
            @RequestParam(name = "limit", defaultValue = "100") String limit) {
        long cursor;
        int size;
        try {
            cursor = Long.parseLong(after);
            size = Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            return bad("after must be a cursor from a previous page (an integer) and limit an integer");
        }
        if (cursor < 0 || size < 1 || size > 1000) {
            return bad("after must be 0 or more; limit between 1 and 1000");
        }
        List<NotificationFeed.Item> page = feed.page(actor.organisation(), cursor, size);
        long next = page.isEmpty() ? cursor : page.get(page.size() - 1).cursor();
        return ResponseEntity.ok(
                new Feed(page.stream().map(i -> (Object) i.body()).toList(), next));
    }

    @PostMapping("/api/v1/notifications/{id}/acknowledgement")
    ResponseEntity<?> acknowledge(Actor actor, @PathVariable String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return notFound();
        }
        return notifications.acknowledge(actor.organisation(), uuid, actor.id())
                        || notices.acknowledge(actor.organisation(), uuid, actor.id())
                ? ResponseEntity.noContent().build()
                : notFound();
    }

    private static ResponseEntity<ProblemDetail> bad(String detail) {
        return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail));
    }

    private static ResponseEntity<ProblemDetail> notFound() {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(ProblemDetail.forStatusAndDetail(
                        HttpStatus.NOT_FOUND, "No such notification for your authority"));
    }
}
