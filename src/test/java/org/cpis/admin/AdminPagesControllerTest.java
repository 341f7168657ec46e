package org.cpis.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cpis.identity.SignedIn.as;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.Reader;
import java.util.List;
import java.util.Optional;
import org.cpis.identity.IdentityAdministration;
import org.cpis.identity.PageSliceTest;
import org.cpis.identity.Role;
import org.cpis.identity.SignedIn;
import org.cpis.organisations.ImportResult;
import org.cpis.organisations.OrganisationKind;
import org.cpis.organisations.Organisations;
import org.cpis.organisations.RegistryEntry;
import org.cpis.shared.OdsCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

/** The administration and contact-details pages' forms and who may reach them, without a database or a browser. */
@PageSliceTest({
    OrganisationAdminController.class,
    PeopleAdminController.class,
    ApiClientAdminController.class,
    LaContactsController.class
})
@Import(AdminAccessRules.class)
class AdminPagesControllerTest {

    private static final MockMultipartFile FILE =
            new MockMultipartFile("file", "registry.csv", "text/csv", "ods_code,name\n".getBytes());
    private static final RegistryEntry BIRMINGHAM = new RegistryEntry(
            OdsCode.of("E08000025"),
            OrganisationKind.LOCAL_AUTHORITY,
            "Birmingham City Council",
            null,
            null,
            "0121 496 0100",
            "0121 496 0500",
            "duty@birmingham.example",
            "mash@birmingham.example",
            true,
            null);

    @Autowired
    MockMvc mvc;

    @MockitoBean
    Organisations organisations;

    @MockitoBean
    IdentityAdministration identities;

    @MockitoBean
    AdminService admin;

    @BeforeEach
    void oneOrganisation() {
        when(organisations.list(any(), anyInt(), anyInt()))
                .thenReturn(new RegistryEntry.Page(List.of(BIRMINGHAM), 120));
        when(organisations.entry(any())).thenReturn(Optional.of(BIRMINGHAM));
    }

    private static RequestBuilder load(String kind, MockMultipartFile file) {
        var request = multipart("/admin/organisations/import")
                .with(as(Role.ADMINISTRATOR))
                .with(csrf());
        if (file != null) {
            request.file(file);
        }
        return kind == null ? request : request.param("kind", kind);
    }

    private String page(RequestBuilder request) throws Exception {
        return mvc.perform(request)
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    @Test
    void the_registry_is_listed_a_page_at_a_time_with_numbers_and_mailboxes() throws Exception {
        assertThat(page(get("/admin/organisations")
                        .param("q", "Birm")
                        .param("page", "2")
                        .with(as(Role.ADMINISTRATOR))))
                .contains("Birmingham City Council", "E08000025", "Local authority")
                .contains("0121 496 0100", "0121 496 0500", "duty@birmingham.example", "mash@birmingham.example")
                .contains("Showing 51 to 51 of", "page 2 of 3", "/admin/organisations?q=Birm&amp;page=3");
        verify(organisations).list("Birm", 1, OrganisationAdminController.PAGE_SIZE);
    }

    @Test
    void a_saved_organisation_says_so() throws Exception {
        assertThat(page(get("/admin/organisations/E08000025")
                        .flashAttr("success", "Organisation saved.")
                        .with(as(Role.ADMINISTRATOR))))
                .containsOnlyOnce("Organisation saved.")
                .contains("Deactivate organisation")
                .doesNotContain("Organisation reactivated");
        assertThat(page(get("/admin/organisations/E08000025").with(as(Role.ADMINISTRATOR))))
                .doesNotContain("Organisation saved.");
    }

    @Test
    void people_and_api_clients_are_listed_with_sign_in_and_status() throws Exception {
        var person = new IdentityAdministration.PersonSummary(
                "priya.shah",
                "Priya Shah",
                "priya@x.example",
                Role.LA_DATA_MANAGER,
                OdsCode.of("E08000025"),
                false,
                null,
                null,
                null);
        when(identities.people(any(), anyInt(), anyInt()))
                .thenReturn(new IdentityAdministration.PersonPage(List.of(person), 1));
        when(identities.person("priya.shah")).thenReturn(Optional.of(person));
        assertThat(page(get("/admin/people").with(as(Role.ADMINISTRATOR))))
                .contains("Priya Shah", "Local authority data manager", "E08000025", "Never", "Disabled", "1 person.");
        assertThat(page(get("/admin/people/priya.shah").with(as(Role.ADMINISTRATOR))))
                .contains("Priya Shah", "Disabled (cannot sign in)");
        var client = new IdentityAdministration.ApiClientSummary(
                "leeds-case-system",
                "Leeds case system",
                Role.LA_SYSTEM,
                OdsCode.of("E08000035"),
                true,
                java.time.Instant.parse("2026-11-30T10:00:00Z"),
                null,
                null,
                null);
        when(identities.clients()).thenReturn(List.of(client));
        when(identities.client("leeds-case-system")).thenReturn(Optional.of(client));
        assertThat(page(get("/admin/api-clients").with(as(Role.ADMINISTRATOR))))
                .contains("leeds-case-system", "Leeds case system", "Active");
        assertThat(page(get("/admin/api-clients/leeds-case-system").with(as(Role.ADMINISTRATOR))))
                .contains("Rotate secret", "Revoke API client", "24 hours");
        assertThat(page(get("/admin/people/new").with(as(Role.ADMINISTRATOR)))).contains("Username", "Password");
        assertThat(page(get("/admin/api-clients/new").with(as(Role.ADMINISTRATOR))))
                .contains("Client ID");
        assertThat(page(get("/admin/organisations/new").with(as(Role.ADMINISTRATOR))))
                .contains("Add organisation");
    }

    @Test
    void each_kind_of_file_is_loaded_once_by_its_own_import() throws Exception {
        when(admin.importRegistry(any(), eq(RegistryImportForm.Kind.CARE_SETTINGS), any(Reader.class)))
                .thenReturn(new ImportResult(12, List.of()));

        assertThat(page(load("CARE_SETTINGS", FILE))).contains("12 organisations loaded.");
    }

    @Test
    void no_file_or_no_kind_shows_the_error_summary_and_loads_nothing() throws Exception {
        assertThat(page(load("LOCAL_AUTHORITIES", null)))
                .contains("<title>Error: Organisations – CP-IS</title>", "There is a problem")
                .contains("<a href=\"#file\">Select a CSV file</a>");
        assertThat(page(load(null, FILE))).contains("<a href=\"#kind\">Select what the file holds</a>");
        assertThat(page(load("EVERYTHING", FILE)))
                .contains("<a href=\"#kind\">Enter a valid value</a>")
                .doesNotContain("Failed to convert");
        verify(admin, never()).importRegistry(any(), any(), any());
    }

    @Test
    void a_local_authority_needs_its_emergency_duty_number_and_well_formed_contacts() throws Exception {
        String html = page(post("/admin/organisations/new")
                .param("odsCode", "E99000001")
                .param("kind", "LOCAL_AUTHORITY")
                .param("name", "Testshire")
                .param("dutyTeamEmail", "not an address")
                .with(as(Role.ADMINISTRATOR))
                .with(csrf()));
        assertThat(html)
                .contains("<a href=\"#emergency-duty-phone\">Enter the emergency duty (out of hours) number</a>")
                .contains("<a href=\"#duty-team-email\">Enter an email address in the correct format");
        verify(admin, never()).createOrganisation(any(), any());
    }

    @Test
    void a_refused_person_is_shown_by_the_field_at_fault() throws Exception {
        org.mockito.Mockito.doThrow(new IdentityAdministration.Refused(
                        "role", "Social worker cannot belong to a health organisation"))
                .when(admin)
                .createPerson(any(), any());
        String html = page(post("/admin/people/new")
                .param("username", "sam.worker")
                .param("displayName", "Sam Worker")
                .param("role", "SOCIAL_WORKER")
                .param("organisation", "X1A01")
                .param("password", "a-long-enough-password")
                .param("enabled", "true")
                .with(as(Role.ADMINISTRATOR))
                .with(csrf()));
        assertThat(html).contains("<a href=\"#role\">Social worker cannot belong to a health organisation</a>");
    }

    @Test
    void a_new_client_secret_is_shown_once_and_never_cached() throws Exception {
        when(admin.createClient(any(), eq("leeds-2"), eq("Leeds 2"), eq(Role.LA_SYSTEM), eq(OdsCode.of("E08000035"))))
                .thenReturn("s3cret-value-shown-once");
        mvc.perform(post("/admin/api-clients/new")
                        .param("clientId", "leeds-2")
                        .param("name", "Leeds 2")
                        .param("role", "LA_SYSTEM")
                        .param("organisation", "e08000035")
                        .with(as(Role.ADMINISTRATOR))
                        .with(csrf()))
                .andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", "no-store"))
                .andExpect(result -> assertThat(result.getResponse().getContentAsString())
                        .contains("s3cret-value-shown-once", "This is the only time the secret is shown"));
    }

    @Test
    void the_data_manager_saves_their_own_authoritys_contacts_only() throws Exception {
        assertThat(page(get("/settings/contacts").with(as(Role.LA_DATA_MANAGER))))
                .contains("value=\"0121 496 0100\"", "Not yet confirmed by your authority.");
        mvc.perform(post("/settings/contacts")
                        .param("emergencyDutyPhone", "0121 496 0999")
                        .param("odsCode", "E08000035")
                        .with(as(Role.LA_DATA_MANAGER))
                        .with(csrf()))
                .andExpect(redirectedUrl("/settings/contacts"));
        verify(admin)
                .updateContacts(
                        org.mockito.ArgumentMatchers.argThat(
                                a -> a.organisation().equals(SignedIn.ORGANISATION)),
                        eq(new ContactsForm("0121 496 0999", null, null)));
        assertThat(page(post("/settings/contacts")
                        .param("emergencyDutyPhone", "")
                        .with(as(Role.LA_DATA_MANAGER))
                        .with(csrf())))
                .contains("<a href=\"#emergency-duty-phone\">Enter the emergency duty (out of hours) number</a>");
    }

    @Test
    void only_administrators_reach_the_administration_and_only_data_managers_the_contacts() throws Exception {
        for (Role role : List.of(Role.LA_DATA_MANAGER, Role.PRIVACY_OFFICER, Role.UNSCHEDULED_CLINICIAN)) {
            for (String path : List.of("/admin/organisations", "/admin/people", "/admin/api-clients")) {
                mvc.perform(get(path).with(as(role))).andExpect(status().isForbidden());
            }
            mvc.perform(multipart("/admin/organisations/import")
                            .file(FILE)
                            .param("kind", "LOCAL_AUTHORITIES")
                            .with(as(role))
                            .with(csrf()))
                    .andExpect(status().isForbidden());
            mvc.perform(post("/admin/api-clients/x/revoke").with(as(role)).with(csrf()))
                    .andExpect(status().isForbidden());
        }
        for (Role role : List.of(Role.ADMINISTRATOR, Role.DUTY_TEAM, Role.SOCIAL_WORKER)) {
            mvc.perform(get("/settings/contacts").with(as(role))).andExpect(status().isForbidden());
        }
        verifyNoInteractions(identities, admin);
    }
}
