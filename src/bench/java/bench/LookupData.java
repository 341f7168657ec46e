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

/**
 * The lookup benchmark's synthetic data: unique valid 999-range NHS numbers (never issued to real people), one visible
 * record each, loaded through the real upload API as the two demo local authorities.
 */
final class LookupData {

    static final String HEADER = "nhs_number,local_id,family_name,given_names,date_of_birth,plan_type,start_date,"
            + "end_date,delete_date,expected_delivery_date,mother_nhs_number,allocated_worker";

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
            String nine = "999" + String.format("%06d", prefix);
            int check = SyntheticUploadFile.TestNhsNumbers.checkDigit(nine);
            if (check < 0) {
                continue;
            }
            numbers[n++] = nine + check;
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
                StringBuilder csv = new StringBuilder((to - from) * 110 + 200);
                csv.append(HEADER).append('\n');
                for (int i = from; i < to; i++) {
                    int type = random.nextInt(10); // 5 CPP, 4 LAC, 1 UCPP in 10
                    String nhs = mine.get(i);
                    String family = FAMILY[random.nextInt(FAMILY.length)];
                    String given = GIVEN[random.nextInt(GIVEN.length)];
                    String worker =
                            random.nextInt(10) < 7 ? "worker" + random.nextInt(500) + "@" + authority.domain() : "";
                    String localId = "BENCH-" + la + "-" + i;
                    if (type == 9) {
                        ucpp++;
                        LocalDate dob =
                                today.minusYears(16 + random.nextInt(30)).minusDays(random.nextInt(365));
                        LocalDate planStart = today.minusDays(1 + random.nextInt(200));
                        LocalDate due = today.plusDays(-20 + random.nextInt(271));
                        row(csv, nhs, localId, family, given, dob, "UCPP", planStart, null, due, worker);
                    } else {
                        String plan = type < 5 ? "CPP" : "LAC";
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
                        LocalDate end = null;
                        if (random.nextInt(10) == 0) {
                            LocalDate recent = today.minusDays(random.nextInt(300));
                            end = recent.isBefore(planStart) ? null : recent;
                        }
                        row(csv, nhs, localId, family, given, dob, plan, planStart, end, null, worker);
                    }
                }
                upload(http, base, token, sequence++, csv.toString(), to - from);
                uploads++;
            }
        }
        return new Loaded(numbers, cpp, lac, ucpp, uploads, Duration.ofNanos(System.nanoTime() - start));
    }

    private static void row(
            StringBuilder csv,
            String nhs,
            String localId,
            String family,
            String given,
            LocalDate dob,
            String plan,
            LocalDate start,
            LocalDate end,
            LocalDate due,
            String worker) {
        csv.append(nhs).append(',').append(localId).append(',').append(family).append(',');
        csv.append(given)
                .append(',')
                .append(dob)
                .append(',')
                .append(plan)
                .append(',')
                .append(start)
                .append(',');
        csv.append(end == null ? "" : end)
                .append(",,")
                .append(due == null ? "" : due)
                .append(",,");
        csv.append(worker).append('\n');
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
