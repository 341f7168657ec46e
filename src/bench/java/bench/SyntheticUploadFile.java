package bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;
import testsupport.TestNhsNumbers;
import testsupport.TestRecord;
import testsupport.UploadFile;

/**
 * Writes a synthetic LA upload file (docs/interfaces.md section 3) row by row with the tests' {@link UploadFile} and
 * {@link TestRecord}, so a file of any size is never held in memory. Every row is valid: unique test NHS numbers (999
 * range, Modulus 11) in a seeded shuffled order, about 60% CPP, 35% LAC and 5% UCPP, children aged 0-17, start dates
 * in the past and about one plan in five ended.
 */
final class SyntheticUploadFile {

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
     * Writes {@code rows} data lines after the header, CRLF-ended as many case systems send them.
     *
     * @param today the date in England the hub will validate against
     */
    static Written write(Path path, int rows, TestNhsNumbers.Shuffled numbers, long seed, LocalDate today)
            throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        LocalDate latestStart = today.minusDays(1);
        int cpp = 0;
        int lac = 0;
        int ucpp = 0;
        int ended = 0;
        int withWorker = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 20)) {
            UploadFile.Builder file = UploadFile.writingTo(out).lineEnd("\r\n");
            for (int i = 0; i < rows; i++) {
                TestRecord record = TestRecord.valid().nhsNumber(numbers.next());
                int roll = random.nextInt(100);
                LocalDate start;
                if (roll < 95) {
                    // Aged 0-17 with a month's margin either side, so nobody turns 18 (or is born) during the run.
                    int ageDays = 30 + random.nextInt(18 * 365 - 60);
                    LocalDate dateOfBirth = today.minusDays(ageDays);
                    start = dateOfBirth.plusDays(random.nextInt(ageDays));
                    record.planType(roll < 60 ? "CPP" : "LAC").dateOfBirth(dateOfBirth);
                    if (roll < 60) {
                        cpp++;
                    } else {
                        lac++;
                    }
                } else {
                    // The mother's date of birth (16-40); the plan started in the last six months.
                    record.planType("UCPP").dateOfBirth(today.minusDays(16 * 365 + random.nextInt(24 * 365)));
                    start = today.minusDays(1 + random.nextInt(180));
                    record.expectedDeliveryDate(today.plusDays(1 + random.nextInt(240)));
                    ucpp++;
                }
                if (start.isAfter(latestStart)) {
                    start = latestStart;
                }
                record.startDate(start);
                if (random.nextInt(100) < 20) {
                    long span = ChronoUnit.DAYS.between(start, latestStart);
                    record.endDate(start.plusDays(span <= 0 ? 0 : random.nextLong(span + 1)));
                    ended++;
                }
                record.familyName(FAMILY_NAMES[random.nextInt(FAMILY_NAMES.length)])
                        .givenNames(GIVEN_NAMES[random.nextInt(GIVEN_NAMES.length)]);
                if (random.nextBoolean()) {
                    record.allocatedWorker(GIVEN_NAMES[random.nextInt(GIVEN_NAMES.length)].replace(" ", "")
                            + "."
                            + FAMILY_NAMES[random.nextInt(FAMILY_NAMES.length)].replace("'", "")
                            + "@" + TEAMS[random.nextInt(TEAMS.length)] + ".birmingham.gov.uk");
                    withWorker++;
                }
                // Drawn last, so a seed gives the same file as before. Live plans: no delete date, no mother.
                record.localId("BCC-" + (1_000_000 + random.nextInt(9_000_000)));
                file.row(record);
            }
            file.flush();
        }
        return new Written(path, rows, Files.size(path), cpp, lac, ucpp, ended, withWorker);
    }
}
