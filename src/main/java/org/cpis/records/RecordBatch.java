package org.cpis.records;

import java.util.List;

/**
 * Rows of one upload streamed into the records store inside the caller's transaction. Nothing is visible to anyone
 * else until that transaction commits; if it rolls back, nothing of the batch remains.
 */
public interface RecordBatch extends AutoCloseable {

    void add(RecordRow row);

    /**
     * Applies the batch. Rows whose (NHS number, plan type) occurs more than once in the batch are all left out, as
     * it cannot be known which one the LA meant.
     *
     * @return the lines left out as duplicates, in ascending order
     */
    List<Integer> apply();

    /** Abandons the batch if it was not applied (the caller's transaction must then roll back). */
    @Override
    void close();
}
