package org.cpis.lookup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongFunction;
import org.cpis.audit.Audit;
import org.cpis.audit.AuditEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records silent reads (scheduled care: no notification) in batches: the access rows and audit entries of every read
 * waiting at that moment go in one transaction, and each read is answered only after its rows are committed. A silent
 * read has nothing else to write, so on its own it would be a transaction and two single-row inserts per read; this is
 * what lets one node serve thousands a second (docs/benchmarks.md). Unscheduled accesses are not batched: their
 * notifications must be written in the same transaction as the access.
 */
@Component
class SilentAccessWriter implements InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SilentAccessWriter.class);
    static final int MAX_BATCH = 500;
    private static final long WAIT_SECONDS = 30;

    private record Pending(
            AccessRepository.NewAccess access, LongFunction<AuditEntry> audit, CompletableFuture<Long> done) {}

    private final AccessRepository accesses;
    private final Audit audit;
    private final TransactionTemplate transaction;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>(20_000);
    private final Thread writer = new Thread(this::run, "cpis-silent-access-writer");
    private volatile boolean running = true;

    SilentAccessWriter(AccessRepository accesses, Audit audit, PlatformTransactionManager transactions) {
        this.accesses = accesses;
        this.audit = audit;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * @param audit the audit entry, given the access's id
     * @return the access's id, once it and its audit entry are committed
     * @throws IllegalStateException when they could not be recorded: the read must then not be answered
     */
    long record(AccessRepository.NewAccess access, LongFunction<AuditEntry> audit) {
        Pending pending = new Pending(access, audit, new CompletableFuture<>());
        try {
            if (!running || !queue.offer(pending, WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("silent reads cannot be recorded now");
            }
            return pending.done().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the access was recorded");
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the access could not be recorded", e);
        }
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                if (!running) {
                    break;
                }
            } finally {
                batch.clear();
            }
        }
        Pending left;
        while ((left = queue.poll()) != null) {
            left.done().completeExceptionally(new IllegalStateException("stopping"));
        }
    }

    private void write(List<Pending> batch) {
        try {
            List<Long> ids = transaction.execute(status -> {
                List<Long> assigned =
                        accesses.insertAll(batch.stream().map(Pending::access).toList());
                List<AuditEntry> entries = new ArrayList<>(batch.size());
                for (int i = 0; i < batch.size(); i++) {
                    entries.add(batch.get(i).audit().apply(assigned.get(i)));
                }
                audit.recordAll(entries);
                return assigned;
            });
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).done().complete(ids.get(i));
            }
        } catch (RuntimeException e) {
            // The class only: a database message can quote the values of the row it refused.
            log.error(
                    "a batch of {} silent reads could not be recorded ({}); they are refused",
                    batch.size(),
                    e.getClass().getSimpleName());
            batch.forEach(p -> p.done().completeExceptionally(e));
        }
    }

    @Override
    public void afterPropertiesSet() {
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public void destroy() throws InterruptedException {
        running = false;
        writer.join(TimeUnit.SECONDS.toMillis(10));
    }
}
