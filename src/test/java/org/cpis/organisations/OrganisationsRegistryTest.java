package org.cpis.organisations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import org.cpis.CpisIntegrationTest;
import org.cpis.shared.OdsCode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@CpisIntegrationTest
class OrganisationsRegistryTest {

    @Autowired
    Organisations organisations;

    @Test
    void the_embedded_default_holds_every_english_local_authority_with_an_emergency_number() {
        assertThat(organisations.localAuthorities())
                .hasSizeGreaterThanOrEqualTo(153)
                .allSatisfy(la -> assertThat(la.emergencyDutyPhone()).isNotBlank());
        assertThat(organisations.localAuthority(OdsCode.of("E08000025"))).hasValueSatisfying(la -> {
            assertThat(la.name()).isEqualTo("Birmingham City Council");
            assertThat(la.emergencyDutyPhone()).startsWith("0121 496 0");
            assertThat(la.dutyTeamEmail()).endsWith(".example");
        });
    }

    @Test
    void care_settings_know_whether_they_are_unscheduled() {
        assertThat(organisations.careSetting(OdsCode.of("X1A01")))
                .hasValueSatisfying(cs -> assertThat(cs.type().unscheduled()).isTrue());
        assertThat(organisations.careSetting(OdsCode.of("X2B01")))
                .hasValueSatisfying(cs -> assertThat(cs.type().unscheduled()).isFalse());
        // A local authority is not a care setting.
        assertThat(organisations.careSetting(OdsCode.of("E08000025"))).isEmpty();
    }

    @Test
    void a_file_upserts_by_ods_code() {
        ImportResult result = organisations.importLocalAuthorities(new StringReader("""
                ods_code,name,emergency_duty_phone,office_hours_phone,duty_team_email,mash_email
                ZZ0001,Testshire Council,01632 960001,01632 960002,duty@testshire.example,mash@testshire.example
                """));
        assertThat(result.accepted()).isTrue();
        assertThat(result.rows()).isEqualTo(1);

        organisations.importLocalAuthorities(new StringReader("""
                name,ods_code,emergency_duty_phone,office_hours_phone,duty_team_email,mash_email
                "Testshire Council, Children's Services",ZZ0001,01632 960003,,,
                """));
        assertThat(organisations.localAuthority(OdsCode.of("ZZ0001"))).hasValueSatisfying(la -> {
            assertThat(la.name()).isEqualTo("Testshire Council, Children's Services");
            assertThat(la.emergencyDutyPhone()).isEqualTo("01632 960003");
            assertThat(la.officeHoursPhone()).isNull();
        });
    }

    @Test
    void a_file_with_any_bad_line_changes_nothing_and_names_only_line_and_column() {
        ImportResult result = organisations.importLocalAuthorities(new StringReader("""
                ods_code,name,emergency_duty_phone,office_hours_phone,duty_team_email,mash_email
                ZZ0002,Goodshire Council,01632 960010,,,
                ZZ0003,Secretshire Council,,,,
                zz0004,Lowercase Council,01632 960011,,,
                ZZ0002,Goodshire Again,01632 960012,,,
                """));
        assertThat(result.accepted()).isFalse();
        assertThat(result.problems())
                .containsExactly(
                        "line 3: emergency_duty_phone is required",
                        "line 4: ods_code is not a valid ODS code",
                        "line 5: ods_code appears more than once in the file");
        assertThat(String.join(" ", result.problems())).doesNotContain("Secretshire");
        assertThat(organisations.localAuthority(OdsCode.of("ZZ0002"))).isEmpty();
    }

    @Test
    void a_file_with_the_wrong_header_or_type_is_refused() {
        assertThat(organisations
                        .importCareSettings(new StringReader("ods_code,name\nZZ0005,Somewhere\n"))
                        .problems())
                .singleElement()
                .asString()
                .startsWith("header must be exactly");
        assertThat(organisations
                        .importCareSettings(new StringReader("ods_code,name,care_setting_type\nZZ0005,Somewhere,SPA\n"))
                        .problems())
                .containsExactly("line 2: care_setting_type is not a known care-setting type");
        assertThat(organisations
                        .importCareSettings(new StringReader("ods_code,name,care_setting_type\n"))
                        .problems())
                .containsExactly("the file has no rows");
    }

    @Test
    void search_matches_name_or_exact_code_and_treats_wildcards_literally() {
        assertThat(organisations.search("birmingham", 10))
                .extracting(o -> o.odsCode().value())
                .contains("E08000025");
        assertThat(organisations.search("e08000025", 10))
                .extracting(Organisation::name)
                .containsExactly("Birmingham City Council");
        assertThat(organisations.search("%", 10)).isEmpty();
    }
}
