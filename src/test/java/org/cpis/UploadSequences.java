package org.cpis;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Upload-Sequence values for tests: one counter per test JVM, only ever growing, so tests sharing a hub (and its
 * per-LA sequences) never collide or go backwards.
 */
public final class UploadSequences {

    private static final AtomicLong SEQUENCE = new AtomicLong(System.currentTimeMillis());

    private UploadSequences() {}

    public static long next() {
        return SEQUENCE.addAndGet(10);
    }
}
