package testsupport;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Valid test NHS numbers: 999 followed by six digits and a Modulus 11 check digit, a range never issued to real
 * people. About 909,000 exist.
 */
public final class TestNhsNumbers {

    private static final int RANGE = 1_000_000;

    private static final AtomicInteger NEXT = new AtomicInteger((int) (System.nanoTime() % 400_000) * 2);

    private TestNhsNumbers() {}

    /** A fresh number, different for every call in a run, so tests sharing one hub never meet each other's. */
    public static String next() {
        while (true) {
            String number = withCheckDigit(NEXT.getAndIncrement() % RANGE);
            if (number != null) {
                return number;
            }
        }
    }

    /**
     * The test NHS number 999 followed by these six digits, or null when Modulus 11 gives no check digit for them.
     */
    public static String withCheckDigit(int sixDigits) {
        String firstNine = "999" + String.valueOf(1_000_000 + sixDigits).substring(1);
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (firstNine.charAt(i) - '0') * (10 - i);
        }
        int check = 11 - sum % 11;
        if (check == 10) {
            return null;
        }
        return firstNine + (check == 11 ? 0 : check);
    }

    /**
     * Every test NHS number once, in an order fixed by the seed: a real file is in the case system's order, which has
     * nothing to do with NHS number order.
     */
    public static Shuffled shuffled(long seed) {
        return new Shuffled(seed);
    }

    /** Hands out each test NHS number once, in a seeded pseudo-random order. */
    public static final class Shuffled {

        private final int[] order = new int[RANGE];
        private int cursor;

        private Shuffled(long seed) {
            for (int i = 0; i < RANGE; i++) {
                order[i] = i;
            }
            SplittableRandom random = new SplittableRandom(seed);
            for (int i = RANGE - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int swap = order[i];
                order[i] = order[j];
                order[j] = swap;
            }
        }

        public String next() {
            while (cursor < RANGE) {
                String number = withCheckDigit(order[cursor++]);
                if (number != null) {
                    return number;
                }
            }
            throw new IllegalStateException("ran out of test NHS numbers in the 999 range (about 909,000 exist)");
        }
    }
}
