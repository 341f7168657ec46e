package org.cpis.records;

import java.util.Arrays;

/** Open-addressing map from non-negative long keys to long values, without boxing (an LA's keys in a few MB). */
final class LongLongMap {

    static final long ABSENT = Long.MIN_VALUE;
    private static final long EMPTY = -1;

    private long[] keys = empty(1 << 12);
    private long[] values = new long[1 << 12];
    private int size;

    long get(long key) {
        int mask = keys.length - 1;
        for (int i = (int) (mix(key) & mask); keys[i] != EMPTY; i = (i + 1) & mask) {
            if (keys[i] == key) {
                return values[i];
            }
        }
        return ABSENT;
    }

    void put(long key, long value) {
        if (size * 2 >= keys.length) {
            long[] oldKeys = keys;
            long[] oldValues = values;
            keys = empty(oldKeys.length * 2);
            values = new long[oldKeys.length * 2];
            size = 0;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != EMPTY) {
                    put(oldKeys[i], oldValues[i]);
                }
            }
        }
        int mask = keys.length - 1;
        int i = (int) (mix(key) & mask);
        while (keys[i] != EMPTY && keys[i] != key) {
            i = (i + 1) & mask;
        }
        if (keys[i] == EMPTY) {
            size++;
        }
        keys[i] = key;
        values[i] = value;
    }

    private static long[] empty(int n) {
        long[] table = new long[n];
        Arrays.fill(table, EMPTY);
        return table;
    }

    private static long mix(long v) {
        v ^= v >>> 33;
        v *= 0xff51afd7ed558ccdL;
        v ^= v >>> 33;
        return v;
    }
}
