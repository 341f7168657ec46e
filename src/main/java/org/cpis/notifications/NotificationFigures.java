package org.cpis.notifications;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.cpis.shared.OdsCode;

/** Counts and times of notifications and their deliveries, for the reports and the operators' metrics. */
public interface NotificationFigures {

    /** Notifications created in [from, to), by LA and calendar month in England; one LA's when {@code la} is given. */
    List<MonthCount> perMonth(Optional<OdsCode> la, Instant from, Instant to);

    /**
     * For notifications created in [from, to) and reviewed (closed): the median and 90th-percentile time from the
     * notification to its review, per LA.
     */
    List<ReviewTime> reviewTimes(Optional<OdsCode> la, Instant from, Instant to);

    /** Every delivery row now, by channel and status. */
    List<DeliveryCount> deliveries();

    /** How long the oldest delivery still waiting has waited, at {@code now}; zero when none waits. */
    Duration oldestPendingDelivery(Instant now);

    record MonthCount(OdsCode la, YearMonth month, long notifications) {}

    record ReviewTime(OdsCode la, long reviewed, Duration median, Duration percentile90) {}

    /** @param channel {@code WEBHOOK} or {@code EMAIL}; status {@code PENDING}, {@code DELIVERED} or {@code FAILED} */
    record DeliveryCount(String channel, String status, long count) {}
}
