package org.cpis.uploads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cpis.identity.SignedIn.as;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.cpis.identity.PageSliceTest;
import org.cpis.identity.Role;
import org.cpis.identity.SignedIn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

/** The upload form's checks and who may reach the upload pages, without a database or a browser. */
@PageSliceTest(UploadPagesController.class)
@Import(UploadsAccessRules.class)
class UploadPagesControllerTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    Uploads uploads;

    @BeforeEach
    void onePastUpload() {
        when(uploads.list(any(), anyInt()))
                .thenReturn(List.of(new UploadSummary(
                        UUID.randomUUID(),
                        7,
                        UploadStatus.PARTIALLY_LOADED,
                        3,
                        2,
                        1,
                        Instant.parse("2026-03-04T14:05:09Z"),
                        "someone",
                        UploadCommand.Channel.API)));
    }

    private static RequestBuilder send(MockMultipartFile file) {
        return send(file, Role.LA_DATA_MANAGER);
    }

    private static RequestBuilder send(MockMultipartFile file, Role role) {
        return multipart("/uploads").file(file).with(as(role)).with(csrf());
    }

    private String errorPage(RequestBuilder request) throws Exception {
        String html = mvc.perform(request)
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(html)
                .contains("<title>Error: Uploads – CP-IS</title>", "There is a problem")
                .contains("aria-describedby=\"file-hint file-error\"")
                .contains("Case system (API)", "Partially loaded", "4 March 2026, 14:05:09");
        return html;
    }

    @Test
    void no_file_chosen_asks_for_one() throws Exception {
        MockMultipartFile nothing = new MockMultipartFile("file", "", "application/octet-stream", new byte[0]);

        assertThat(errorPage(send(nothing))).contains("<a href=\"#file\">Select a CSV file</a>");
        assertThat(errorPage(
                        multipart("/uploads").with(as(Role.LA_DATA_MANAGER)).with(csrf())))
                .contains("<a href=\"#file\">Select a CSV file</a>");
        verify(uploads, never()).upload(any());
    }

    @Test
    void an_empty_file_is_refused_before_the_service() throws Exception {
        MockMultipartFile empty = new MockMultipartFile("file", "plans.csv", "text/csv", new byte[0]);

        assertThat(errorPage(send(empty))).contains("<a href=\"#file\">The selected file is empty</a>");
        verify(uploads, never()).upload(any());
    }

    @Test
    void a_file_the_service_refuses_shows_its_reason() throws Exception {
        when(uploads.upload(any()))
                .thenThrow(new UploadRejectedException(
                        UploadRejectedException.Kind.TOO_LARGE, "The file has more than 30 lines"));
        MockMultipartFile file = new MockMultipartFile("file", "plans.csv", "text/csv", "a,b\n".getBytes());

        assertThat(errorPage(send(file))).contains("<a href=\"#file\">The file has more than 30 lines</a>");
    }

    @Test
    void a_file_is_sent_once_as_the_data_managers_authority_and_shows_its_acknowledgement() throws Exception {
        UUID id = UUID.randomUUID();
        Acknowledgement ack = mock(Acknowledgement.class);
        when(ack.uploadId()).thenReturn(id);
        when(uploads.upload(any())).thenReturn(ack);
        byte[] body = "nhs_number\n".getBytes(StandardCharsets.UTF_8);

        mvc.perform(send(new MockMultipartFile("file", "plans.csv", "text/csv", body)))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/uploads/" + id));

        ArgumentCaptor<UploadCommand> command = ArgumentCaptor.forClass(UploadCommand.class);
        verify(uploads).upload(command.capture());
        assertThat(command.getValue().localAuthority()).isEqualTo(SignedIn.ORGANISATION);
        assertThat(command.getValue().channel()).isEqualTo(UploadCommand.Channel.WEB);
        assertThat(command.getValue().sequence()).isNull();
    }

    @Test
    void only_data_managers_reach_the_upload_pages() throws Exception {
        for (Role role : List.of(Role.UNSCHEDULED_CLINICIAN, Role.SOCIAL_WORKER, Role.ADMINISTRATOR)) {
            mvc.perform(get("/uploads").with(as(role))).andExpect(status().isForbidden());
            mvc.perform(send(new MockMultipartFile("file", "plans.csv", "text/csv", "x".getBytes()), role))
                    .andExpect(status().isForbidden());
        }
        verifyNoInteractions(uploads);
    }
}
