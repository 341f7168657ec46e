package org.cpis.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cpis.identity.SignedIn.as;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import org.cpis.identity.PageSliceTest;
import org.cpis.identity.Role;
import org.cpis.shared.NhsNumber;
import org.cpis.shared.OdsCode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The administrator's page for inactive NHS numbers: its checks and who may reach it. */
@PageSliceTest(InactiveNhsNumberController.class)
@Import(MeshAccessRules.class)
class InactiveNhsNumberControllerTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    InactiveNhsNumbers numbers;

    private String page(String nhs, String status, String newNhs) throws Exception {
        var request = post("/admin/nhs-numbers")
                .with(as(Role.ADMINISTRATOR))
                .with(csrf())
                .param("nhsNumber", nhs);
        if (status != null) {
            request.param("status", status);
        }
        request.param("newNhsNumber", newNhs);
        return mvc.perform(request)
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    @Test
    void a_number_with_a_bad_check_digit_or_no_status_is_refused_before_the_service() throws Exception {
        assertThat(page("9990000019", "INACTIVE", ""))
                .contains("There is a problem", "<a href=\"#nhs-number\">Enter a valid NHS number</a>");
        assertThat(page("9990000018", null, "")).contains("<a href=\"#status\">Select superseded or inactive</a>");
        assertThat(page("9990000018", "SUPERSEDED", "12"))
                .contains("<a href=\"#new-nhs-number\">Enter a 10-digit new NHS number</a>");
        verifyNoInteractions(numbers);
    }

    @Test
    void a_marked_number_says_which_authorities_were_told() throws Exception {
        when(numbers.mark(any(), any(), any(), any()))
                .thenReturn(new InactiveNhsNumbers.Marked(
                        List.of(new OdsCode("E09000002"), new OdsCode("E08000025")),
                        List.of(new OdsCode("E09000002")),
                        List.of(new OdsCode("E08000035"))));

        assertThat(page("999 000 0018", "SUPERSEDED", "9990000026"))
                .contains("Local authorities told now: 2 (of them also through MESH: 1).")
                .contains("Told: E09000002, E08000025")
                .contains("Already told the same before, not told again: E08000035")
                .doesNotContain("There is a problem");
        verify(numbers)
                .mark(
                        any(),
                        eq(NhsNumber.of("9990000018")),
                        eq(InactiveNhsNumbers.Status.SUPERSEDED),
                        eq(NhsNumber.of("9990000026")));
    }

    @Test
    void only_administrators_reach_the_page() throws Exception {
        for (Role role : List.of(Role.LA_DATA_MANAGER, Role.UNSCHEDULED_CLINICIAN, Role.PRIVACY_OFFICER)) {
            mvc.perform(get("/admin/nhs-numbers").with(as(role))).andExpect(status().isForbidden());
        }
        mvc.perform(get("/admin/nhs-numbers").with(as(Role.ADMINISTRATOR))).andExpect(status().isOk());
    }
}
