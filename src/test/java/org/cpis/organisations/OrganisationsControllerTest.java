package org.cpis.organisations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cpis.identity.SignedIn.as;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.Reader;
import java.util.List;
import org.cpis.identity.PageSliceTest;
import org.cpis.identity.Role;
import org.cpis.shared.OdsCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

/** The registry page's import form and who may reach it, without a database or a browser. */
@PageSliceTest(OrganisationsController.class)
@Import(OrganisationsAccessRules.class)
class OrganisationsControllerTest {

    private static final MockMultipartFile FILE =
            new MockMultipartFile("file", "registry.csv", "text/csv", "ods_code,name\n".getBytes());

    @Autowired
    MockMvc mvc;

    @MockitoBean
    Organisations organisations;

    @BeforeEach
    void oneOrganisation() {
        when(organisations.search(any(), anyInt()))
                .thenReturn(List.of(new Organisation(
                        OdsCode.of("E08000025"), OrganisationKind.LOCAL_AUTHORITY, "Birmingham City Council", null)));
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
    void the_registry_is_listed_with_kinds_by_name() throws Exception {
        assertThat(page(get("/admin/organisations").param("q", "Birm").with(as(Role.ADMINISTRATOR))))
                .contains("Birmingham City Council", "E08000025", "Local authority");
        verify(organisations).search("Birm", OrganisationsController.LISTED);
    }

    @Test
    void each_kind_of_file_is_loaded_once_by_its_own_import() throws Exception {
        when(organisations.importCareSettings(any(Reader.class))).thenReturn(new ImportResult(12, List.of()));

        assertThat(page(load("CARE_SETTINGS", FILE))).contains("12 organisations loaded.");

        verify(organisations).importCareSettings(any(Reader.class));
        verify(organisations, never()).importLocalAuthorities(any(Reader.class));
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
        verify(organisations, never()).importLocalAuthorities(any(Reader.class));
        verify(organisations, never()).importCareSettings(any(Reader.class));
    }

    @Test
    void only_administrators_reach_the_registry() throws Exception {
        for (Role role : List.of(Role.LA_DATA_MANAGER, Role.PRIVACY_OFFICER, Role.UNSCHEDULED_CLINICIAN)) {
            mvc.perform(get("/admin/organisations").with(as(role))).andExpect(status().isForbidden());
            mvc.perform(multipart("/admin/organisations/import")
                            .file(FILE)
                            .param("kind", "LOCAL_AUTHORITIES")
                            .with(as(role))
                            .with(csrf()))
                    .andExpect(status().isForbidden());
        }
        verifyNoInteractions(organisations);
    }
}
