package org.cpis.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cpis.identity.SignedIn.as;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import java.time.LocalDate;
import java.util.List;
import org.cpis.identity.PageSliceTest;
import org.cpis.identity.Role;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import testsupport.TestNhsNumbers;

/** The lookup form's checks and who may reach it, without a database or a browser. */
@PageSliceTest(LookupPagesController.class)
@Import(LookupAccessRules.class)
class LookupPagesControllerTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    Lookup lookup;

    private static MockHttpServletRequestBuilder check(String nhsNumber, String day, String month, String year) {
        return post("/lookup")
                .with(as(Role.UNSCHEDULED_CLINICIAN))
                .with(csrf())
                .param("nhsNumber", nhsNumber)
                .param("dob.day", day)
                .param("dob.month", month)
                .param("dob.year", year);
    }

    private String errorPage(MockHttpServletRequestBuilder request) throws Exception {
        String html = mvc.perform(request)
                .andExpect(status().isOk())
                .andExpect(view().name("lookup/form"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(html).contains("<title>Error: Check CP-IS – CP-IS</title>", "There is a problem");
        verifyNoInteractions(lookup);
        return html;
    }

    @Test
    void a_wrong_check_digit_shows_the_error_summary_and_keeps_the_input() throws Exception {
        String html = errorPage(check(" 943 476 5918 ", "", "", ""));

        assertThat(html)
                .contains("<a href=\"#nhs-number\">Enter a valid NHS number</a>")
                .contains("value=\"943 476 5918\"")
                .contains("aria-describedby=\"nhs-number-hint nhs-number-error\"")
                .doesNotContain("Enter a 10-digit NHS number");
    }

    @Test
    void an_empty_or_short_nhs_number_asks_for_ten_digits() throws Exception {
        assertThat(errorPage(check("", "", "", "")))
                .contains("<a href=\"#nhs-number\">Enter a 10-digit NHS number</a>");
        assertThat(errorPage(check("12345", "", "", "")))
                .contains("<a href=\"#nhs-number\">Enter a 10-digit NHS number</a>")
                .doesNotContain("Enter a valid NHS number");
    }

    @Test
    void date_of_birth_problems_link_to_the_first_part_in_error_and_highlight_the_parts() throws Exception {
        String valid = TestNhsNumbers.next();

        String notReal = errorPage(check(valid, "31", "2", "2019"));
        assertThat(notReal)
                .containsOnlyOnce("<a href=\"#dob-day\">Enter a real date of birth</a>")
                .contains("value=\"31\"", "value=\"2019\"");

        String noYear = errorPage(check(valid, "3", "4", ""));
        assertThat(noYear)
                .contains("<a href=\"#dob-year\">Date of birth must include a year</a>")
                .contains("nhsuk-input--width-4 nhsuk-date-input__input nhsuk-input--error")
                .doesNotContain("nhsuk-input--width-2 nhsuk-date-input__input nhsuk-input--error");

        assertThat(errorPage(check(valid, "", "4", "")))
                .contains("<a href=\"#dob-day\">Date of birth must include a day and year</a>");
        assertThat(errorPage(check(valid, "3", "4", "19")))
                .contains("<a href=\"#dob-year\">Year must include 4 numbers</a>");
        LocalDate tomorrow = PageSliceTest.TODAY.plusDays(1);
        assertThat(errorPage(check(
                        valid,
                        String.valueOf(tomorrow.getDayOfMonth()),
                        String.valueOf(tomorrow.getMonthValue()),
                        String.valueOf(tomorrow.getYear()))))
                .contains("<a href=\"#dob-day\">Date of birth must be today or in the past</a>");
    }

    @Test
    void a_good_form_looks_up_once_and_shows_not_found() throws Exception {
        String nhs = TestNhsNumbers.next();
        when(lookup.lookup(any())).thenReturn(new LookupResult(List.of(), List.of(), true));
        LocalDate today = PageSliceTest.TODAY;

        mvc.perform(check(
                        nhs,
                        String.valueOf(today.getDayOfMonth()),
                        String.valueOf(today.getMonthValue()),
                        String.valueOf(today.getYear())))
                .andExpect(status().isOk())
                .andExpect(view().name("lookup/not-found"))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("4 March 2026")))
                // A newborn's plan may not be recorded yet: the mother's unborn child plan is on her number (issue 16).
                .andExpect(
                        content().string(org.hamcrest.Matchers.containsString("also check the mother's NHS number")));

        ArgumentCaptor<LookupRequest> request = ArgumentCaptor.forClass(LookupRequest.class);
        verify(lookup).lookup(request.capture());
        assertThat(request.getValue().nhsNumber().value()).isEqualTo(nhs);
        assertThat(request.getValue().confirmDateOfBirth()).isEqualTo(today);
        assertThat(request.getValue().channel()).isEqualTo(LookupRequest.Channel.WEB);
    }

    /** Issue 16: a mismatching date of birth once showed "No CP-IS information" for a child on two plans. */
    @Test
    void a_date_of_birth_that_does_not_match_shows_the_record_with_what_to_do_never_no_information() throws Exception {
        String nhs = TestNhsNumbers.next();
        org.cpis.organisations.LocalAuthority la = new org.cpis.organisations.LocalAuthority(
                new org.cpis.shared.OdsCode("E08000025"),
                "Birmingham City Council",
                "0121 496 0100",
                "0121 496 0500",
                null,
                null);
        org.cpis.records.VisibleRecord record = new org.cpis.records.VisibleRecord(
                1,
                org.cpis.shared.NhsNumber.of(nhs),
                la.odsCode(),
                org.cpis.shared.PlanType.CPP,
                null,
                LocalDate.of(2015, 3, 1),
                LocalDate.of(2025, 1, 10),
                null,
                null,
                null);
        when(lookup.lookup(any()))
                .thenReturn(new LookupResult(List.of(new LookupResult.Alert(record, la)), List.of(), true));

        String html = mvc.perform(check(nhs, "2", "3", "2015"))
                .andExpect(status().isOk())
                .andExpect(view().name("lookup/found"))
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(html)
                .contains("CP-IS information found: date of birth does not match")
                .contains("This NHS number has a CP-IS record, but the date of birth you entered does not match")
                .contains("Does not match the date of birth you entered")
                .contains("Birmingham City Council", "0121 496 0100")
                .contains("1 March 2033 (18th birthday)")
                .doesNotContain("No CP-IS information");
    }

    @Test
    void the_form_is_for_clinicians_only() throws Exception {
        mvc.perform(get("/lookup").with(as(Role.SCHEDULED_CLINICIAN)))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("do not notify the local authority")));
        mvc.perform(get("/lookup").with(as(Role.SOCIAL_WORKER))).andExpect(status().isForbidden());
        mvc.perform(post("/lookup")
                        .with(as(Role.LA_DATA_MANAGER))
                        .with(csrf())
                        .param("nhsNumber", TestNhsNumbers.next()))
                .andExpect(status().isForbidden());
        verifyNoInteractions(lookup);
    }
}
