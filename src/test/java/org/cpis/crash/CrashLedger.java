package org.cpis.crash;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** What the clients of a crash drill sent and what the hub acknowledged: the reconciliation's expectations. */
final class CrashLedger {

    /** An upload file as sent: its sequence and the NHS numbers of its valid rows (one more row may be invalid). */
    record SentFile(long sequence, List<String> validChildren) {}

    /** The hub's acknowledgement of a file: how many rows it says it loaded. */
    record Acknowledged(long sequence, int loaded) {}

    /** A lookup the hub answered with 200, and how many records it returned. */
    record AnsweredLookup(String traceId, String nhsNumber, int total) {}

    private final AtomicLong sequence = new AtomicLong();
    final List<SentFile> sent = new CopyOnWriteArrayList<>();
    final Map<Long, Acknowledged> acknowledged = new ConcurrentHashMap<>();
    final List<AnsweredLookup> lookups = new CopyOnWriteArrayList<>();
    private final List<String> childrenWithPlans = new CopyOnWriteArrayList<>();

    /** Responses by status code, for the drill's log. */
    final Map<Integer, Integer> statuses = new ConcurrentHashMap<>();

    /** Client-side failures other than a dead hub's connection errors: a defect of the drill or of the hub. */
    final List<String> failures = new CopyOnWriteArrayList<>();

    /** When each response came (epoch milliseconds), its status and whether it said Retry-After: a failover's timeline. */
    record Answer(long at, int status, long millis, boolean retryAfter) {}

    final List<Answer> timeline = new CopyOnWriteArrayList<>();

    void answered(HttpResponse<?> response, long millis) {
        statuses.merge(response.statusCode(), 1, Integer::sum);
        boolean retryAfter = response.headers().firstValue("Retry-After").isPresent();
        timeline.add(new Answer(System.currentTimeMillis(), response.statusCode(), millis, retryAfter));
    }

    void failed(RuntimeException e) {
        failures.add(e.toString());
    }

    /** How each client thread ended: the connection error it saw when the hub died. */
    final Map<String, String> endings = new ConcurrentHashMap<>();

    void lostConnection(String client, RuntimeException e) {
        endings.merge(client, String.valueOf(e.getCause()), (a, b) -> a);
    }

    long nextSequence() {
        return sequence.incrementAndGet();
    }

    void acknowledged(SentFile file, int loaded) {
        acknowledged.put(file.sequence(), new Acknowledged(file.sequence(), loaded));
        childrenWithPlans.addAll(file.validChildren());
    }

    /** Children an acknowledged upload put on a plan, for lookups to find. */
    List<String> childrenWithPlans() {
        return new ArrayList<>(childrenWithPlans);
    }
}
