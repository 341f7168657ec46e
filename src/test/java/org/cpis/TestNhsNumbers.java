package org.cpis;

import java.util.concurrent.atomic.AtomicInteger;

/** Fresh valid NHS numbers from the 999 range (never issued to real people), different for every call in a run. */
public final class TestNhsNumbers {

    private static final AtomicInteger NEXT = new AtomicInteger((int) (System.nanoTime() % 400_000) * 2);

    private TestNhsNumbers() {}

    public static String next() {
        while (true) {
            String nine = "999" + String.format("%06d", NEXT.getAndIncrement() % 1_000_000);
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                sum += (nine.charAt(i) - '0') * (10 - i);
            }
            int check = 11 - sum % 11;
            if (check == 10) {
                continue;
            }
            return nine + (check == 11 ? 0 : check);
        }
    }
}
