package org.cpis.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.cpis.CpisIntegrationTest;
import org.cpis.HubClient;
import org.cpis.identity.Actor;
import org.cpis.identity.Role;
import org.cpis.shared.NhsNumber;
import org.cpis.shared.OdsCode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import testsupport.TestNhsNumbers;
import testsupport.UploadFile;

/**
 * Issue 16's lookup safety defect: a date of birth that does not match a visible record must never read as "no CP-IS
 * information". The record is returned, and the check is an access like any other: recorded, audited and notified.
 */
@CpisIntegrationTest
class LookupSafetyTest {

    static final Actor ED_CLINICIAN = new Actor(
            "ed.clinician",
            "Dr Amira Khan",
            Role.UNSCHEDULED_CLINICIAN,
            new OdsCode("X1A01"),
            "Northfield General Hospital Emergency Department");

    @LocalServerPort
    int port;

    @Autowired
    Lookup lookup;

    @Autowired
    JdbcClient jdbc;

    private String uploadChild(String dateOfBirth) {
        String child = TestNhsNumbers.next();
        HubClient hub = new HubClient(port);
        String token = hub.accessToken("birmingham-case-system", "demo-secret");
        hub.upload(token, UploadFile.builder().row(r -> r.nhsNumber(child).dateOfBirth(dateOfBirth)));
        return child;
    }

    private LookupResult check(String nhs, LocalDate dateOfBirth, String trace) {
        return lookup.lookup(new LookupRequest(
                ED_CLINICIAN, NhsNumber.of(nhs), true, dateOfBirth, LookupRequest.Channel.WEB, trace));
    }

    private long count(String sql, String nhs) {
        return jdbc.sql(sql).param("n", nhs).query(Long.class).single();
    }

    @Test
    void a_date_of_birth_that_does_not_match_finds_the_record_and_is_recorded_and_notified_as_an_access() {
        String child = uploadChild("2015-03-01");

        LookupResult result = check(child, LocalDate.of(2015, 3, 2), "dob-mismatch-" + child);

        assertThat(result.found()).as("a mismatch is not a true negative").isTrue();
        assertThat(result.alerts())
                .singleElement()
                .satisfies(alert -> assertThat(alert.record().dateOfBirth()).isEqualTo(LocalDate.of(2015, 3, 1)));
        assertThat(count("select count(*) from lookup.access where nhs_number = :n and unscheduled", child))
                .isEqualTo(1);
        assertThat(count(
                        "select count(*) from notifications.notification where nhs_number = :n and la_ods = 'E08000025'",
                        child))
                .as("the LA is told, on the same path as any access")
                .isEqualTo(1);
        assertThat(jdbc.sql("select outcome from audit.event where trace_id = :t and action = 'LOOKUP_WEB'")
                        .param("t", "dob-mismatch-" + child)
                        .query(String.class)
                        .single())
                .isEqualTo("FOUND");
    }

    @Test
    void a_matching_date_of_birth_or_none_finds_the_same_records() {
        String child = uploadChild("2015-03-01");
        assertThat(check(child, LocalDate.of(2015, 3, 1), null).alerts()).hasSize(1);
        assertThat(check(child, null, null).alerts()).hasSize(1);
        assertThat(count("select count(*) from lookup.access where nhs_number = :n", child))
                .isEqualTo(2);
    }

    @Test
    void a_number_with_no_record_is_still_nothing_and_not_an_access() {
        String nobody = TestNhsNumbers.next();
        assertThat(check(nobody, LocalDate.of(2015, 3, 1), null).found()).isFalse();
        assertThat(count("select count(*) from lookup.access where nhs_number = :n", nobody))
                .isZero();
    }
}
