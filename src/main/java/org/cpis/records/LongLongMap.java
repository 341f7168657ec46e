package org.cpis.records;

import java.util.Arrays;

/**
 * Open-addressing map from non-negative long keys to long values, without boxing (an LA's keys in a few MB). Key and
 * value sit side by side in one array, so a look-up in a map larger than the CPU's caches costs one cache miss.
 */
final class LongLongMap {

    static final long ABSENT = Long.MIN_VALUE;
    private static final long EMPTY = -1;

    private long[] slots; // key at 2i, value at 2i + 1
    private int size;

    LongLongMap() {
        this(1 << 12);
    }

    LongLongMap(int expected) {
        int capacity = 1 << 12;
        while (capacity < expected * 2) {
            capacity <<= 1;
        }
        slots = empty(capacity);
    }

    int size() {
        return size;
    }

    long get(long key) {
        int i = slot(slots, key);
        return slots[i] == EMPTY ? ABSENT : slots[i + 1];
    }

    void put(long key, long value) {
        if (size * 4 >= slots.length) { // half the slots full
            grow();
        }
        int i = slot(slots, key);
        if (slots[i] == EMPTY) {
            size++;
            slots[i] = key;
        }
        slots[i + 1] = value;
    }

    /** Puts the value if the key is absent; otherwise leaves the map as it was. Returns the previous value or ABSENT. */
    long putIfAbsent(long key, long value) {
        if (size * 4 >= slots.length) {
            grow();
        }
        int i = slot(slots, key);
        if (slots[i] != EMPTY) {
            return slots[i + 1];
        }
        size++;
        slots[i] = key;
        slots[i + 1] = value;
        return ABSENT;
    }

    private void grow() {
        long[] old = slots;
        slots = empty(old.length * 2);
        for (int i = 0; i < old.length; i += 2) {
            if (old[i] != EMPTY) {
                int j = slot(slots, old[i]);
                slots[j] = old[i];
                slots[j + 1] = old[i + 1];
            }
        }
    }

    /** The index of the key's slot, or of the empty slot where it would go. */
    private static int slot(long[] slots, long key) {
        int mask = slots.length - 2;
        int i = (int) (mix(key) << 1) & mask;
        while (slots[i] != EMPTY && slots[i] != key) {
            i = (i + 2) & mask;
        }
        return i;
    }

    private static long[] empty(int pairs) {
        long[] table = new long[pairs * 2];
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
