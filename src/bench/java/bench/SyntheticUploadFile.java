package bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;

/**
 * Writes a synthetic LA upload file (docs/interfaces.md section 3) row by row, so a file of any size is never held in
 * memory. Every row is valid: unique test NHS numbers (999 range, Modulus 11), about 60% CPP, 35% LAC and 5% UCPP,
 * children aged 0-17, start dates in the past and about one plan in five ended.
 */
final class SyntheticUploadFile {

    static final String HEADER = "nhs_number,local_id,family_name,given_names,date_of_birth,plan_type,start_date,"
            + "end_date,delete_date,expected_delivery_date,mother_nhs_number,allocated_worker";

    private static final String[] FAMILY_NAMES = {
        "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Robinson",
        "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Khan", "O'Connor",
        "Ahmed", "Hughes", "Clarke", "Lewis-Jones", "Begum", "Nowak", "Okafor", "Singh", "Murphy", "Edwards"
    };

    private static final String[] GIVEN_NAMES = {
        "Oliver",
        "Amelia",
        "George",
        "Isla",
        "Noah",
        "Ava",
        "Muhammad",
        "Olivia",
        "Harry",
        "Mia",
        "Leo",
        "Lily",
        "Jack",
        "Freya",
        "Arthur",
        "Grace",
        "Oscar",
        "Sophia",
        "Charlie",
        "Ivy",
        "Mary Ann",
        "Zainab",
        "Kacper",
        "Chidi",
        "Aisha",
        "Jayden",
        "Ella-Rose",
        "Theo",
        "Poppy",
        "Alfie"
    };

    private static final String[] TEAMS = {"north", "south", "east", "west", "central"};

    private SyntheticUploadFile() {}

    /** What was written. */
    record Written(Path path, int rows, long bytes, int cpp, int lac, int ucpp, int ended, int withWorker) {}

    /**
     * Writes {@code rows} data lines after the header.
     *
     * @param today the date in England the hub will validate against
     */
    static Written write(Path path, int rows, TestNhsNumbers numbers, long seed, LocalDate today) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        LocalDate latestStart = today.minusDays(1);
        int cpp = 0;
        int lac = 0;
        int ucpp = 0;
        int ended = 0;
        int withWorker = 0;
        StringBuilder line = new StringBuilder(200);
        try (Writer out = new BufferedWriter(
                new OutputStreamWriter(Files.newOutputStream(path), StandardCharsets.UTF_8), 1 << 20)) {
            out.write(HEADER);
            out.write("\r\n");
            for (int i = 0; i < rows; i++) {
                String nhs = numbers.next();
                int roll = random.nextInt(100);
                String plan;
                LocalDate dateOfBirth;
                LocalDate start;
                LocalDate expectedDelivery = null;
                if (roll < 95) {
                    plan = roll < 60 ? "CPP" : "LAC";
                    // Aged 0-17 with a month's margin either side, so nobody turns 18 (or is born) during the run.
                    int ageDays = 30 + random.nextInt(18 * 365 - 60);
                    dateOfBirth = today.minusDays(ageDays);
                    start = dateOfBirth.plusDays(random.nextInt(ageDays));
                    if (roll < 60) {
                        cpp++;
                    } else {
                        lac++;
                    }
                } else {
                    plan = "UCPP";
                    // The mother's date of birth (16-40); the plan started in the last six months.
                    dateOfBirth = today.minusDays(16 * 365 + random.nextInt(24 * 365));
                    start = today.minusDays(1 + random.nextInt(180));
                    expectedDelivery = today.plusDays(1 + random.nextInt(240));
                    ucpp++;
                }
                if (start.isAfter(latestStart)) {
                    start = latestStart;
                }
                LocalDate end = null;
                if (random.nextInt(100) < 20) {
                    long span = ChronoUnit.DAYS.between(start, latestStart);
                    end = start.plusDays(span <= 0 ? 0 : random.nextLong(span + 1));
                    ended++;
                }
                String family = FAMILY_NAMES[random.nextInt(FAMILY_NAMES.length)];
                String given = GIVEN_NAMES[random.nextInt(GIVEN_NAMES.length)];
                String worker = null;
                if (random.nextBoolean()) {
                    worker = GIVEN_NAMES[random.nextInt(GIVEN_NAMES.length)].replace(" ", "")
                            + "."
                            + FAMILY_NAMES[random.nextInt(FAMILY_NAMES.length)].replace("'", "")
                            + "@" + TEAMS[random.nextInt(TEAMS.length)] + ".birmingham.gov.uk";
                    withWorker++;
                }

                line.setLength(0);
                line.append(nhs).append(',');
                line.append("BCC-")
                        .append(1_000_000 + random.nextInt(9_000_000))
                        .append(',');
                line.append(family).append(',');
                line.append(given).append(',');
                line.append(dateOfBirth).append(',');
                line.append(plan).append(',');
                line.append(start).append(',');
                if (end != null) {
                    line.append(end);
                }
                line.append(','); // end_date
                line.append(','); // delete_date: none, every row is a live plan
                if (expectedDelivery != null) {
                    line.append(expectedDelivery);
                }
                line.append(','); // mother_nhs_number: none
                line.append(',');
                if (worker != null) {
                    line.append(worker);
                }
                line.append("\r\n");
                out.append(line);
            }
        }
        return new Written(path, rows, Files.size(path), cpp, lac, ucpp, ended, withWorker);
    }

    /**
     * Test NHS numbers (999 followed by six digits and a Modulus 11 check digit), each handed out once, in a fixed
     * pseudo-random order: a real file is in the case system's order (case reference, name), which has nothing to do
     * with NHS number order. About 909,000 valid numbers exist in the range.
     */
    static final class TestNhsNumbers {
        private static final int RANGE = 1_000_000;

        private final int[] order = new int[RANGE];
        private int cursor;

        TestNhsNumbers(long seed) {
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

        String next() {
            while (cursor < RANGE) {
                String firstNine = "999" + String.format("%06d", order[cursor++]);
                int check = checkDigit(firstNine);
                if (check >= 0) {
                    return firstNine + check;
                }
            }
            throw new IllegalStateException("ran out of test NHS numbers in the 999 range (about 909,000 exist)");
        }

        /** Modulus 11: weights 10..2; 11 - (sum mod 11); 11 means 0; 10 means no valid number (returns -1). */
        static int checkDigit(String firstNine) {
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                sum += (firstNine.charAt(i) - '0') * (10 - i);
            }
            int check = 11 - (sum % 11);
            if (check == 11) {
                return 0;
            }
            return check == 10 ? -1 : check;
        }
    }
}
