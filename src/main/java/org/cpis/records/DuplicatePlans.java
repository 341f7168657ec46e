package org.cpis.records;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.cpis.shared.PlanType;

/**
 * Finds the lines of an upload that send the same plan (NHS number and plan type) more than once. It holds 12 bytes a
 * row (a row limit bounds the file), so a duplicate is found without a pass over the staged rows in PostgreSQL:
 * measured, that pass (a hash aggregate over every staged row) took 0.4 s of a re-sent 500,000-line file's 2.9 s.
 */
final class DuplicatePlans {

    private static final int PLAN_TYPES = PlanType.values().length;

    private long[] keys = new long[1024];
    private int[] lines = new int[1024];
    private int size;

    void add(String nhsNumber, PlanType planType, int line) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            lines = Arrays.copyOf(lines, size * 2);
        }
        // A valid NHS number is 10 digits, so the number and the plan type fit one long without loss.
        keys[size] = Long.parseLong(nhsNumber) * PLAN_TYPES + planType.ordinal();
        lines[size] = line;
        size++;
    }

    /** The lines whose plan is sent more than once, in the order they were added. */
    List<Integer> lines() {
        long[] sorted = Arrays.copyOf(keys, size);
        Arrays.sort(sorted);
        Set<Long> twice = new HashSet<>();
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                twice.add(sorted[i]);
            }
        }
        List<Integer> result = new ArrayList<>();
        if (!twice.isEmpty()) {
            for (int i = 0; i < size; i++) {
                if (twice.contains(keys[i])) {
                    result.add(lines[i]);
                }
            }
        }
        return result;
    }
}
