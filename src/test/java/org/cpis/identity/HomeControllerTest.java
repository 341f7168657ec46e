package org.cpis.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cpis.identity.SignedIn.as;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.cpis.organisations.Organisations;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The sign-in page and each role's home page, without a database or a browser. */
@PageSliceTest(HomeController.class)
@Import(IdentityAccessRules.class)
class HomeControllerTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    Organisations organisations;

    private String page(String path, Role role) throws Exception {
        return mvc.perform(get(path).with(as(role)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    @Test
    void the_home_page_offers_the_roles_own_tasks() throws Exception {
        assertThat(page("/", Role.LA_DATA_MANAGER))
                .contains("<h1>Local authority data manager</h1>")
                .contains("href=\"/uploads\"", "href=\"/records\"", "href=\"/settings/webhook\"")
                .doesNotContain("href=\"/lookup\"");
        assertThat(page("/", Role.SCHEDULED_CLINICIAN))
                .contains("href=\"/lookup\"", "Checks from scheduled care do not notify the local authority.")
                .doesNotContain("href=\"/uploads\"");
    }

    @Test
    void the_privacy_officers_home_page_links_the_audit_reports_and_the_trails_integrity() throws Exception {
        // Issue 12 built the pages this card used to describe without a link.
        assertThat(page("/", Role.PRIVACY_OFFICER))
                .contains("Audit reports")
                .contains("href=\"/audit\"")
                .contains("href=\"/audit/integrity\"");
    }

    @Test
    void the_data_manager_is_reminded_to_confirm_contact_details_when_due() throws Exception {
        assertThat(page("/", Role.LA_DATA_MANAGER))
                .contains("href=\"/settings/contacts\"")
                .doesNotContain("Confirm your contact details");

        when(organisations.contactsNeedConfirming(any(), any())).thenReturn(true);

        assertThat(page("/", Role.LA_DATA_MANAGER))
                .contains("Confirm your contact details", "Check and confirm your contact details");
        assertThat(page("/", Role.DUTY_TEAM)).doesNotContain("Confirm your contact details");
    }

    @Test
    void the_header_names_the_person_role_and_organisation_and_links_the_roles_pages() throws Exception {
        String home = page("/", Role.ADMINISTRATOR);
        assertThat(home)
                .containsPattern("data-testid=\"signed-in-as\">\\s*[^<]+, Administrator, [^<]+</li>")
                .doesNotContain(" ,");
        assertThat(home)
                .contains(
                        "aria-label=\"Menu\"",
                        "href=\"/admin/organisations\"",
                        "href=\"/admin/people\"",
                        "href=\"/admin/api-clients\"")
                .containsOnlyOnce("CP-IS does not replace your usual safeguarding processes");
    }

    @Test
    void anyone_may_see_the_sign_in_page_and_nobody_signed_out_sees_a_home_page() throws Exception {
        String login = mvc.perform(get("/login"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(login).contains("Sign in to CP-IS").doesNotContain("Sign in with ");
        // No licensed font files configured: pages use the fallback font and ask for no font stylesheet.
        assertThat(login).contains("/nhsuk-frontend.min.css").doesNotContain("nhsuk-fonts.css");

        mvc.perform(get("/")).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/login"));
    }
}
