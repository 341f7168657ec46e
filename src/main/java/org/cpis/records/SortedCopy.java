package org.cpis.records;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.postgresql.copy.CopyIn;

/**
 * Streams binary {@code COPY} rows to PostgreSQL in chunks of 16,384 rows, each sorted by key, written from a second
 * thread while the caller fills the next chunk. A daily file lists children in no particular order, and inserting
 * index entries in random order costs PostgreSQL about three times as much as in key order: sorting each chunk gets
 * most of that back, while holding at most two chunks (a few MB) in memory. Larger chunks sort better but leave
 * PostgreSQL idle while the first one fills and the hub idle while the last one is inserted; 16,384 measured best
 * of 16,384, 32,768 and 65,536 (docs/benchmarks.md).
 */
final class SortedCopy implements AutoCloseable {

    static final int CHUNK_ROWS = 1 << 14;
    /** Sort keys must stay below this, so that a key and a row's place in its chunk share one long. */
    static final long SORT_KEY_LIMIT = 1L << 47;

    private static final int FLUSH_BYTES = 1 << 16;

    private final CopyIn copy;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "cpis-records-copy");
        thread.setDaemon(true);
        return thread;
    });
    private final CopyBinary out = new CopyBinary(FLUSH_BYTES + 1024);
    private Chunk filling = new Chunk();
    private Chunk spare = new Chunk();
    private Future<?> pending;

    SortedCopy(CopyIn copy) {
        this.copy = copy;
    }

    /** Begins a row that sorts by this key; the caller writes the row's fields into the returned buffer. */
    CopyBinary startRow(long sortKey, int fields) {
        if (sortKey < 0 || sortKey >= SORT_KEY_LIMIT) {
            throw new IllegalArgumentException("sort key out of range");
        }
        if (filling.rows == CHUNK_ROWS) {
            send();
        }
        return filling.start(sortKey, fields);
    }

    /** Sends what is left and waits until PostgreSQL has every row; the caller then ends the COPY. */
    void finish() {
        if (filling.rows > 0) {
            send();
        }
        await();
        writer.shutdown();
    }

    /** Abandons the stream: waits for a chunk on its way, so the connection is left to one thread again. */
    @Override
    public void close() {
        try {
            if (pending != null) {
                pending.get();
            }
        } catch (ExecutionException e) {
            // The load is being abandoned; its failure is reported by whoever abandons it.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pending = null;
            writer.shutdownNow();
        }
    }

    private void send() {
        await(); // the spare chunk is free again
        Chunk full = filling;
        filling = spare;
        filling.clear();
        spare = full;
        pending = writer.submit(() -> {
            write(full);
            return null;
        });
    }

    private void await() {
        if (pending == null) {
            return;
        }
        try {
            pending.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("records load failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("records load interrupted", e);
        } finally {
            pending = null;
        }
    }

    private void write(Chunk chunk) throws SQLException {
        Arrays.sort(chunk.order, 0, chunk.rows);
        byte[] rows = chunk.bytes.array();
        out.clear();
        for (int i = 0; i < chunk.rows; i++) {
            int row = (int) (chunk.order[i] & (CHUNK_ROWS - 1));
            int start = chunk.offsets[row];
            int end = row + 1 < chunk.rows ? chunk.offsets[row + 1] : chunk.bytes.size();
            out.append(rows, start, end - start);
            if (out.size() >= FLUSH_BYTES) {
                copy.writeToCopy(out.array(), 0, out.size());
                out.clear();
            }
        }
        if (out.size() > 0) {
            copy.writeToCopy(out.array(), 0, out.size());
            out.clear();
        }
    }

    private static final class Chunk {
        final CopyBinary bytes = new CopyBinary(1 << 20);
        final int[] offsets = new int[CHUNK_ROWS];
        final long[] order = new long[CHUNK_ROWS]; // sort key << 16 | row
        int rows;

        CopyBinary start(long sortKey, int fields) {
            offsets[rows] = bytes.size();
            order[rows] = sortKey << 16 | rows;
            rows++;
            bytes.startRow(fields);
            return bytes;
        }

        void clear() {
            bytes.clear();
            rows = 0;
        }
    }
}
