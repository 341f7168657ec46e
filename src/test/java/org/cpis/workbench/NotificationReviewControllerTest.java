package org.cpis.workbench;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Optional;
import java.util.UUID;
import org.cpis.identity.Role;
import org.cpis.lookup.Lookup;
import org.cpis.notifications.Notification;
import org.cpis.organisations.Organisations;
import org.cpis.records.ChildRecords;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The review form's rules and the page's answers, without the database: the service is a mock. */
@WebMvcTest(NotificationReviewController.class)
@Import(NotificationPage.class)
class NotificationReviewControllerTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    WorkbenchService workbench;

    @MockitoBean
    Organisations organisations;

    @MockitoBean
    Lookup lookup;

    @MockitoBean
    ChildRecords childRecords;

    final Notification unreviewed = WorkbenchFixtures.notification(Notification.Status.UNREVIEWED);

    @Test
    void a_review_without_an_answer_or_with_too_long_an_outcome_shows_both_problems_and_records_nothing()
            throws Exception {
        when(workbench.find(any(), eq(unreviewed.id()))).thenReturn(Optional.of(unreviewed));

        mvc.perform(post("/notifications/" + unreviewed.id())
                        .param("outcome", "x".repeat(ReviewForm.NOTE_MAX + 1))
                        .with(authentication(WorkbenchFixtures.signedIn(Role.SOCIAL_WORKER)))
                        .with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("<title>Error: Notification")))
                .andExpect(content().string(containsString("There is a problem")))
                .andExpect(content()
                        .string(containsString(
                                "<a href=\"#contacted\">Select yes if you have contacted the health setting</a>")))
                .andExpect(content()
                        .string(containsString("<a href=\"#outcome\">Outcome must be 2000 characters or fewer</a>")));
        verify(workbench, never()).review(any(), any(), anyBoolean(), anyString(), anyBoolean());
    }

    @Test
    void line_endings_count_once_so_a_note_of_the_limit_typed_on_several_lines_is_taken() throws Exception {
        when(workbench.find(any(), eq(unreviewed.id()))).thenReturn(Optional.of(unreviewed));
        String half = "y".repeat(ReviewForm.NOTE_MAX / 2 - 1);

        mvc.perform(post("/notifications/" + unreviewed.id())
                        .param("contacted", "yes")
                        .param("outcome", half + "\r\n" + half + "  ")
                        .param("action", "close")
                        .with(authentication(WorkbenchFixtures.signedIn(Role.SOCIAL_WORKER)))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/notifications"))
                .andExpect(flash().attribute("success", "Notification for L-1, L-2 closed"));
        verify(workbench).review(any(), eq(unreviewed), eq(true), eq(half + "\n" + half), eq(true));
    }

    @Test
    void a_closed_notification_is_not_reviewed_again() throws Exception {
        Notification closed = WorkbenchFixtures.notification(Notification.Status.CLOSED);
        when(workbench.find(any(), eq(closed.id()))).thenReturn(Optional.of(closed));

        mvc.perform(post("/notifications/" + closed.id())
                        .param("contacted", "no")
                        .with(authentication(WorkbenchFixtures.signedIn(Role.DUTY_TEAM)))
                        .with(csrf()))
                .andExpect(redirectedUrl("/notifications/" + closed.id()))
                .andExpect(flash().attribute("success", "This notification is already closed"));
        verify(workbench, never()).review(any(), any(), anyBoolean(), anyString(), anyBoolean());
    }

    @Test
    void the_page_shows_the_notification_in_the_las_words() throws Exception {
        when(workbench.open(any(), eq(unreviewed.id()))).thenReturn(Optional.of(unreviewed));

        mvc.perform(get("/notifications/" + unreviewed.id())
                        .with(authentication(WorkbenchFixtures.signedIn(Role.MASH))))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("999 000 0018")))
                .andExpect(content().string(containsString("4 March 2026 at 09:30")))
                .andExpect(content().string(not(containsString("There is a problem"))));
    }

    @Test
    void other_roles_are_refused_and_what_is_not_an_las_notification_is_not_found() throws Exception {
        mvc.perform(get("/notifications/" + unreviewed.id())
                        .with(authentication(WorkbenchFixtures.signedIn(Role.LA_DATA_MANAGER))))
                .andExpect(status().isForbidden());
        mvc.perform(get("/notifications/" + UUID.randomUUID())
                        .with(authentication(WorkbenchFixtures.signedIn(Role.SOCIAL_WORKER))))
                .andExpect(status().isNotFound());
        mvc.perform(get("/notifications/not-an-id").with(authentication(WorkbenchFixtures.signedIn(Role.MASH))))
                .andExpect(status().isNotFound());
    }
}
