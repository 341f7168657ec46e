package bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cpis.identity.IdentityAdministration;
import org.cpis.identity.Role;
import org.cpis.shared.EnglandDate;
import org.cpis.shared.OdsCode;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The privacy officer's pages (issue 12, accountability.PrivacyReportController) over HTTP, each page and its CSV:
 * accesses to one child's record (posted), everything one person did, accesses by organisation and care setting; for
 * the form's default period (the last 30 days) and for a whole year. Two officers: Birmingham's (an LA's, whose scope
 * is the children it holds) and the operator's (everything), created here.
 */
final class PrivacyOfficerPages {

    private static final String NATIONAL_OFFICER = "national.privacy";
    private static final String NATIONAL_PASSWORD = "national-privacy-officer-bench";

    private PrivacyOfficerPages() {}

    static void time(List<String> report, ApplicationContext hub, String base, int repeats) throws Exception {
        JdbcClient jdbc = hub.getBean(JdbcClient.class);
        String la = jdbc.sql("select organisation_ods from identity.person where username = 'caldicott.guardian'")
                .query(String.class)
                .single();
        hub.getBean(IdentityAdministration.class)
                .createPerson(new IdentityAdministration.NewPerson(
                        NATIONAL_OFFICER,
                        "National privacy officer",
                        null,
                        Role.PRIVACY_OFFICER,
                        new OdsCode("X24"),
                        NATIONAL_PASSWORD,
                        null,
                        null));
        // A child of the LA's with the most accesses, and the clinician with the most entries in the last 30 days.
        String child = jdbc.sql("""
                        select a.nhs_number from lookup.access a
                          join records.record r on r.nhs_number = a.nhs_number and r.la_ods = :la
                         group by 1 order by count(*) desc limit 1""").param("la", la).query(String.class).single();
        String person = jdbc.sql("""
                        select actor_id from audit.event
                         where occurred_at > now() - interval '30 days' and actor_id like 'synthetic-clinician-%'
                         group by 1 order by count(*) desc limit 1""").query(String.class).single();
        LocalDate today = EnglandDate.today(hub.getBean(java.time.Clock.class));
        for (String[] officer : List.of(
                new String[] {"caldicott.guardian", "demo-password", "LA officer"},
                new String[] {NATIONAL_OFFICER, NATIONAL_PASSWORD, "operator officer"})) {
            HttpClient http = NationalScaleBenchmark.signIn(base, officer[0], officer[1]);
            get(report, http, base, officer[2], "/audit", repeats);
            for (int days : new int[] {30, 365}) {
                String period = "from=" + today.minusDays(days) + "&to=" + today;
                String csrf = csrf(http, base + "/audit/subject");
                for (String export : List.of("", "&export=csv")) {
                    time(
                            report,
                            http,
                            officer[2],
                            "POST /audit/subject " + days + " days" + (export.isEmpty() ? "" : " csv"),
                            () -> HttpRequest.newBuilder(URI.create(base + "/audit/subject"))
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .POST(HttpRequest.BodyPublishers.ofString("nhsNumber=" + child + "&" + period
                                            + export + "&_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8)))
                                    .build(),
                            repeats);
                    get(
                            report,
                            http,
                            base,
                            officer[2],
                            "/audit/person?actorId=" + person + "&" + period + export,
                            repeats);
                    get(report, http, base, officer[2], "/audit/organisations?" + period + export, repeats);
                }
            }
        }
    }

    private static void get(List<String> report, HttpClient http, String base, String who, String path, int repeats)
            throws Exception {
        String label = "GET " + path.replaceAll("actorId=[^&]+", "actorId=…").replaceAll("\\d{4}-\\d\\d-\\d\\d", "…");
        time(
                report,
                http,
                who,
                label,
                () -> HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                repeats);
    }

    private static void time(
            List<String> report,
            HttpClient http,
            String who,
            String label,
            java.util.function.Supplier<HttpRequest> request,
            int repeats)
            throws Exception {
        double[] ms = new double[repeats];
        int status = 0;
        long bytes = 0;
        for (int i = 0; i < repeats; i++) {
            long s = System.nanoTime();
            HttpResponse<byte[]> r = http.send(request.get(), HttpResponse.BodyHandlers.ofByteArray());
            ms[i] = (System.nanoTime() - s) / 1e6;
            status = r.statusCode();
            bytes = r.body().length;
        }
        double first = ms[0];
        Arrays.sort(ms);
        NationalScaleBenchmark.line(
                report,
                String.format(
                        "%-16s %-52s status %d, %,9d bytes: first %6.0f ms, median %6.0f ms, max %6.0f ms %s",
                        who,
                        label,
                        status,
                        bytes,
                        first,
                        ms[repeats / 2],
                        ms[repeats - 1],
                        ms[repeats - 1] <= 2000 && status == 200 ? "PASS" : "FAIL"));
    }

    private static String csrf(HttpClient http, String url) throws Exception {
        String page = http.send(
                        HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page);
        if (!csrf.find()) {
            throw new IllegalStateException("no CSRF token on " + url);
        }
        return csrf.group(1);
    }
}
