package bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * A closed-loop load run: N threads each call their operation back to back for a warm-up and then a measured window.
 * Every call that starts and ends inside the window is a sample (its latency kept exactly, in a sorted array); errors
 * are counted over the whole run, warm-up included.
 */
final class LookupRun {

    enum Outcome {
        OK,
        /** Succeeded but found nothing: every benchmark number has a visible record, so this is a failure too. */
        EMPTY,
        ERROR
    }

    @FunctionalInterface
    interface Operation {
        Outcome call(long sequence) throws Exception;
    }

    /** Told when the measured window opens and closes (CPU and database counters). */
    interface Window {
        void opened();

        void closed();
    }

    record Result(
            String name,
            int clients,
            long requests,
            long errors,
            long empty,
            String firstError,
            double seconds,
            long[] sortedNanos,
            LookupCounters.Usage usage) {

        double rate() {
            return requests / seconds;
        }

        double percentileMillis(double q) {
            if (sortedNanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(q * sortedNanos.length) - 1;
            return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, index))] / 1e6;
        }

        double maxMillis() {
            return sortedNanos.length == 0 ? Double.NaN : sortedNanos[sortedNanos.length - 1] / 1e6;
        }

        double meanMillis() {
            return Arrays.stream(sortedNanos).average().orElse(Double.NaN) / 1e6;
        }

        /** Lookups per second of CPU used by the hub's JVM and its PostgreSQL: less disturbed by other processes. */
        double perCoreSecond() {
            return usage.cores() > 0 ? rate() / usage.cores() : Double.NaN;
        }

        boolean clean() {
            return errors == 0 && empty == 0 && requests > 0;
        }
    }

    private LookupRun() {}

    static Result run(
            String name,
            int clients,
            Duration warmup,
            Duration measure,
            IntFunction<Operation> operationForWorker,
            Window window,
            java.util.function.Supplier<LookupCounters.Usage> usage)
            throws InterruptedException {
        AtomicLong errors = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong empty = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        CountDownLatch ready = new CountDownLatch(clients);
        CountDownLatch go = new CountDownLatch(1);
        long[][] samples = new long[clients][];
        int[] counts = new int[clients];
        long[] times = new long[3]; // start of measurement, end of measurement, end of run (nanoTime)
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < clients; w++) {
            int worker = w;
            Operation operation = operationForWorker.apply(worker);
            Thread thread = new Thread(
                    () -> {
                        long[] mine = new long[1 << 15];
                        int n = 0;
                        long sequence = 0;
                        ready.countDown();
                        try {
                            go.await();
                        } catch (InterruptedException e) {
                            return;
                        }
                        long measureStart = times[0];
                        long measureEnd = times[1];
                        // Load goes on past the window until the closing counters are read.
                        while (!stop.get()) {
                            long t0 = System.nanoTime();
                            Outcome outcome;
                            try {
                                outcome = operation.call(sequence++);
                            } catch (Exception e) {
                                outcome = Outcome.ERROR;
                                firstError.compareAndSet(null, e.toString());
                            }
                            long t1 = System.nanoTime();
                            if (outcome == Outcome.ERROR) {
                                errors.incrementAndGet();
                            } else if (outcome == Outcome.EMPTY) {
                                empty.incrementAndGet();
                            }
                            if (t0 - measureStart >= 0 && t1 - measureEnd <= 0) {
                                if (n == mine.length) {
                                    mine = Arrays.copyOf(mine, n * 2);
                                }
                                mine[n++] = t1 - t0;
                            }
                        }
                        samples[worker] = mine;
                        counts[worker] = n;
                    },
                    "bench-" + name.replaceAll("[^A-Za-z0-9]+", "-") + "-" + w);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        ready.await();
        long start = System.nanoTime();
        times[0] = start + warmup.toNanos();
        times[1] = times[0] + measure.toNanos();
        go.countDown(); // the latch publishes times[] to the workers
        sleepUntil(times[0]);
        window.opened();
        sleepUntil(times[1]);
        window.closed();
        stop.set(true);
        for (Thread thread : threads) {
            thread.join(Duration.ofMinutes(2).toMillis());
        }
        int total = 0;
        for (int c : counts) {
            total += c;
        }
        long[] all = new long[total];
        int at = 0;
        for (int w = 0; w < clients; w++) {
            if (samples[w] != null) {
                System.arraycopy(samples[w], 0, all, at, counts[w]);
                at += counts[w];
            }
        }
        Arrays.sort(all);
        return new Result(
                name,
                clients,
                total,
                errors.get(),
                empty.get(),
                firstError.get(),
                measure.toNanos() / 1e9,
                all,
                usage.get());
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, left / 1_000_000));
        }
    }
}
