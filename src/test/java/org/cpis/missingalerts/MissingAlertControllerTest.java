package org.cpis.missingalerts;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.cpis.identity.Actor;
import org.cpis.identity.Role;
import org.cpis.organisations.LocalAuthority;
import org.cpis.organisations.Organisations;
import org.cpis.shared.NhsNumber;
import org.cpis.shared.OdsCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** "Report a missing alert": the form's rules and its confirmation, with the reports service a mock. */
@WebMvcTest(MissingAlertController.class)
@Import(MissingAlertPages.class)
class MissingAlertControllerTest {

    static final OdsCode BIRMINGHAM = new OdsCode("E08000025");

    @Autowired
    MockMvc mvc;

    @MockitoBean
    MissingAlerts missingAlerts;

    @MockitoBean
    Organisations organisations;

    final Authentication clinician = new TestingAuthenticationToken(
            new Actor("ed", "Dr E. D.", Role.UNSCHEDULED_CLINICIAN, new OdsCode("RRK01"), "Northfield Hospital"),
            null,
            "ROLE_UNSCHEDULED_CLINICIAN");

    @BeforeEach
    void birmingham() {
        LocalAuthority la = new LocalAuthority(BIRMINGHAM, "Birmingham", "0121 000 0000", null, null, null);
        when(organisations.localAuthorities()).thenReturn(List.of(la));
        when(organisations.localAuthority(BIRMINGHAM)).thenReturn(Optional.of(la));
    }

    @Test
    void each_problem_is_listed_once_linked_to_its_field() throws Exception {
        mvc.perform(post("/missing-alerts/new")
                        .param("localAuthority", "E99999999")
                        .param("nhsNumber", "999 000 001")
                        .param("note", "n".repeat(MissingAlerts.MAX_NOTE + 1))
                        .with(authentication(clinician))
                        .with(csrf()))
                .andExpect(status().isOk())
                .andExpect(
                        content().string(containsString("<a href=\"#local-authority\">Select the local authority</a>")))
                .andExpect(content().string(containsString("<a href=\"#nhs-number\">Enter a 10-digit NHS number</a>")))
                .andExpect(content()
                        .string(containsString(
                                "<a href=\"#contact-phone\">Enter a phone number or an email address</a>")))
                .andExpect(content()
                        .string(containsString("<a href=\"#note\">Note must be 1,000 characters or fewer</a>")));
        verify(missingAlerts, never()).report(any(), any());
    }

    @Test
    void a_wrong_check_digit_a_malformed_phone_and_email_each_say_so() throws Exception {
        mvc.perform(post("/missing-alerts/new")
                        .param("localAuthority", BIRMINGHAM.value())
                        .param("nhsNumber", "9990000019")
                        .param("phone", "12345")
                        .param("email", "not-an-address")
                        .with(authentication(clinician))
                        .with(csrf()))
                .andExpect(content().string(containsString("Enter a valid NHS number")))
                .andExpect(content()
                        .string(containsString("Enter a phone number, like 01632 960 001 or +44 808 157 0192")))
                .andExpect(content()
                        .string(containsString(
                                "Enter an email address in the correct format, like name@example.nhs.uk")));
        verify(missingAlerts, never()).report(any(), any());
    }

    @Test
    void a_report_goes_to_the_la_and_the_confirmation_is_reached_without_the_nhs_number_in_the_url() throws Exception {
        NhsNumber nhs = NhsNumber.of("9990000018");
        when(missingAlerts.report(any(), any()))
                .thenReturn(new MissingAlert(
                        UUID.randomUUID(),
                        BIRMINGHAM,
                        nhs,
                        "Dr E. D.",
                        "UNSCHEDULED_CLINICIAN",
                        new OdsCode("RRK01"),
                        "Northfield Hospital",
                        "01632 960 001",
                        null,
                        "",
                        MissingAlert.Status.OPEN,
                        null,
                        null,
                        Instant.now()));

        mvc.perform(post("/missing-alerts/new")
                        .param("localAuthority", BIRMINGHAM.value())
                        .param("nhsNumber", " 999 000 0018 ")
                        .param("phone", "01632 960 001")
                        .with(authentication(clinician))
                        .with(csrf()))
                .andExpect(redirectedUrl("/missing-alerts/new?sent"))
                .andExpect(flash().attribute("sentTo", BIRMINGHAM.value()))
                .andExpect(flash().attribute("sentNhsNumber", "999 000 0018"));
        verify(missingAlerts)
                .report(
                        any(),
                        org.mockito.ArgumentMatchers.eq(
                                new MissingAlerts.Report(BIRMINGHAM, nhs, "01632 960 001", null, "")));
    }
}
