package org.cpis.records;

/** Open-addressing set of non-negative longs: the keys of a 500,000-row upload in a few MB, without boxing. */
final class LongSet {

    private static final long EMPTY = -1;
    private long[] slots = newSlots(1 << 12);
    private int size;

    /** @return false if the value was already present */
    boolean add(long value) {
        if (size * 2 >= slots.length) {
            grow();
        }
        return insert(slots, value);
    }

    private boolean insert(long[] table, long value) {
        int mask = table.length - 1;
        int i = (int) (mix(value) & mask);
        while (table[i] != EMPTY) {
            if (table[i] == value) {
                return false;
            }
            i = (i + 1) & mask;
        }
        table[i] = value;
        if (table == slots) {
            size++;
        }
        return true;
    }

    private void grow() {
        long[] old = slots;
        slots = newSlots(old.length * 2);
        for (long v : old) {
            if (v != EMPTY) {
                insert(slots, v);
            }
        }
    }

    private static long[] newSlots(int n) {
        long[] table = new long[n];
        java.util.Arrays.fill(table, EMPTY);
        return table;
    }

    private static long mix(long v) {
        v ^= v >>> 33;
        v *= 0xff51afd7ed558ccdL;
        v ^= v >>> 33;
        return v;
    }
}
