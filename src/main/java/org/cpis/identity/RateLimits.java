package org.cpis.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Token buckets (Bucket4j) per API client, per person and per sign-in name, kept in memory on each node: a node's
 * buckets bound what one caller can make that node do. Buckets idle for longer than their refill period are
 * forgotten, as a full bucket would be.
 */
class RateLimits {

    enum Kind {
        API,
        PAGES,
        SIGN_IN
    }

    private final SecurityProperties properties;
    private final TimeMeter time;
    private final Cache<String, Bucket> buckets;

    RateLimits(SecurityProperties properties, Clock clock) {
        this.properties = properties;
        this.time = new ClockTime(clock);
        Duration longest = max(
                properties.api().per(),
                max(properties.pages().per(), properties.signIn().per()));
        this.buckets = Caffeine.newBuilder()
                .maximumSize(200_000)
                .expireAfterAccess(longest)
                .build();
    }

    /** Takes one request from the caller's bucket; returns how long to wait if it is empty. */
    Optional<Duration> take(Kind kind, String caller) {
        ConsumptionProbe probe =
                buckets.get(kind + ":" + caller, key -> bucket(kind)).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    private Bucket bucket(Kind kind) {
        SecurityProperties.Limit limit = switch (kind) {
            case API -> properties.api();
            case PAGES -> properties.pages();
            case SIGN_IN -> properties.signIn();
        };
        return Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(limit.requests())
                        .refillGreedy(limit.requests(), limit.per())
                        .build())
                .withCustomTimePrecision(time)
                .build();
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** The hub's clock, for Bucket4j. */
    private record ClockTime(Clock clock) implements TimeMeter {
        @Override
        public long currentTimeNanos() {
            return Math.multiplyExact(clock.millis(), 1_000_000L);
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
