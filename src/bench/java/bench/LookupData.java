package bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import testsupport.TestNhsNumbers;
import testsupport.TestRecord;
import testsupport.UploadFile;

/**
 * The lookup benchmark's synthetic data: unique valid 999-range NHS numbers (never issued to real people), one visible
 * record each, loaded through the real upload API as the two demo local authorities.
 */
final class LookupData {

    private static final String[] FAMILY = {
        "Smith",
        "Jones",
        "Taylor",
        "Brown",
        "Williams",
        "Wilson",
        "Johnson",
        "Davies",
        "Patel",
        "Wright",
        "Khan",
        "Walker",
        "Evans",
        "Thomas",
        "Roberts",
        "Green",
        "Hall",
        "Wood",
        "Jackson",
        "Clarke"
    };
    private static final String[] GIVEN = {
        "Olivia",
        "Amelia",
        "Isla",
        "Ava",
        "Mia",
        "Noah",
        "Oliver",
        "George",
        "Arthur",
        "Leo",
        "Muhammad",
        "Harry",
        "Freya",
        "Lily",
        "Jack",
        "Oscar",
        "Ivy",
        "Grace",
        "Theo",
        "Ella"
    };
    private static final Pattern STATUS = Pattern.compile("\"status\":\"([A-Z_]+)\"");
    private static final Pattern LOADED = Pattern.compile("\"loaded\":(\\d+)");
    private static final Pattern REJECTED = Pattern.compile("\"rejected\":(\\d+)");

    /** One demo LA system able to upload. */
    record LocalAuthority(String clientId, String domain) {}

    static final List<LocalAuthority> AUTHORITIES = List.of(
            new LocalAuthority("birmingham-case-system", "birmingham.example"),
            new LocalAuthority("leeds-case-system", "leeds.example"));

    record Loaded(String[] nhsNumbers, int cpp, int lac, int ucpp, int uploads, Duration took) {}

    private LookupData() {}

    /** {@code count} different valid NHS numbers 999 000 000 0 upwards (nine digits whose check would be 10 skipped). */
    static String[] nhsNumbers(int count) {
        String[] numbers = new String[count];
        int n = 0;
        for (int prefix = 0; n < count; prefix++) {
            if (prefix >= 1_000_000) {
                throw new IllegalArgumentException("the 999 range holds fewer than " + count + " valid numbers");
            }
            String number = TestNhsNumbers.withCheckDigit(prefix);
            if (number != null) {
                numbers[n++] = number;
            }
        }
        return numbers;
    }

    /**
     * Loads one visible record for each number, alternating between the LAs, {@code perUpload} rows a file. CPP and
     * LAC children are 0 to 17 with a start date in the past and no end date or one in the last 300 days; UCPP
     * mothers are 16 to 45 with an expected delivery date from 20 days ago to 250 days ahead.
     */
    static Loaded load(HttpClient http, String base, String[] numbers, int perUpload, LocalDate today)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        Random random = new Random(20261122L);
        int cpp = 0;
        int lac = 0;
        int ucpp = 0;
        int uploads = 0;
        for (int la = 0; la < AUTHORITIES.size(); la++) {
            LocalAuthority authority = AUTHORITIES.get(la);
            String token = token(http, base, authority.clientId());
            long sequence = 1;
            List<String> mine = new ArrayList<>();
            for (int i = la; i < numbers.length; i += AUTHORITIES.size()) {
                mine.add(numbers[i]);
            }
            for (int from = 0; from < mine.size(); from += perUpload) {
                int to = Math.min(mine.size(), from + perUpload);
                UploadFile.Builder csv = UploadFile.builder();
                for (int i = from; i < to; i++) {
                    int type = random.nextInt(10); // 5 CPP, 4 LAC, 1 UCPP in 10
                    TestRecord record = TestRecord.valid()
                            .nhsNumber(mine.get(i))
                            .familyName(FAMILY[random.nextInt(FAMILY.length)])
                            .givenNames(GIVEN[random.nextInt(GIVEN.length)])
                            .allocatedWorker(
                                    random.nextInt(10) < 7
                                            ? "worker" + random.nextInt(500) + "@" + authority.domain()
                                            : null)
                            .localId("BENCH-" + la + "-" + i);
                    if (type == 9) {
                        ucpp++;
                        record.planType("UCPP")
                                .dateOfBirth(today.minusYears(16 + random.nextInt(30))
                                        .minusDays(random.nextInt(365)))
                                .startDate(today.minusDays(1 + random.nextInt(200)))
                                .expectedDeliveryDate(today.plusDays(-20 + random.nextInt(271)));
                    } else {
                        record.planType(type < 5 ? "CPP" : "LAC");
                        if (type < 5) {
                            cpp++;
                        } else {
                            lac++;
                        }
                        // 0 to 17 years old: born between 18 years less two days ago and yesterday.
                        long ageDays = 1
                                + (long) random.nextInt((int) (today.toEpochDay()
                                        - today.minusYears(18).plusDays(2).toEpochDay()));
                        LocalDate dob = today.minusDays(ageDays);
                        LocalDate planStart = dob.plusDays((long) (random.nextDouble() * (ageDays - 1)));
                        record.dateOfBirth(dob).startDate(planStart);
                        if (random.nextInt(10) == 0) {
                            LocalDate recent = today.minusDays(random.nextInt(300));
                            if (!recent.isBefore(planStart)) {
                                record.endDate(recent);
                            }
                        }
                    }
                    csv.row(record);
                }
                upload(http, base, token, sequence++, csv.toCsv(), to - from);
                uploads++;
            }
        }
        return new Loaded(numbers, cpp, lac, ucpp, uploads, Duration.ofNanos(System.nanoTime() - start));
    }

    private static void upload(HttpClient http, String base, String token, long sequence, String csv, int rows)
            throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/uploads"))
                        .timeout(Duration.ofMinutes(10))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "text/csv")
                        .header("Upload-Sequence", Long.toString(sequence))
                        .POST(HttpRequest.BodyPublishers.ofString(csv, StandardCharsets.UTF_8))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        String head = response.body().substring(0, Math.min(400, response.body().length()));
        String status = group(STATUS, head);
        if (response.statusCode() != 200
                || !"ALL_LOADED".equals(status)
                || !Integer.toString(rows).equals(group(LOADED, head))
                || !"0".equals(group(REJECTED, head))) {
            throw new IllegalStateException(
                    "upload " + sequence + " of " + rows + " rows: HTTP " + response.statusCode() + " " + head);
        }
    }

    private static String group(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    /** A client-credentials access token for a demo API client (secret {@code demo-secret}). */
    static String token(HttpClient http, String base, String clientId) throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((clientId + ":demo-secret").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
                        .header("Authorization", "Basic " + basic)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
        if (response.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException("token for " + clientId + ": HTTP " + response.statusCode());
        }
        return m.group(1);
    }
}
