package org.cpis.workbench;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyList;
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

import java.util.List;
import org.cpis.identity.Role;
import org.cpis.notifications.Notification;
import org.cpis.notifications.Notifications;
import org.cpis.notifications.Notifications.Counts;
import org.cpis.notifications.Notifications.View;
import org.cpis.notifications.Notifications.WorkbenchPage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The workbench lists and the duty team's bulk close, without the database: the services are mocks. */
@WebMvcTest(WorkbenchListController.class)
@Import(WorkbenchListPage.class)
class WorkbenchListControllerTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    Notifications notifications;

    @MockitoBean
    WorkbenchService workbench;

    final Notification waiting = WorkbenchFixtures.notification(Notification.Status.UNREVIEWED);

    @BeforeEach
    void oneWaiting() {
        when(notifications.counts(any(), any())).thenReturn(new Counts(0, 1, 1, 0));
        when(notifications.workbench(any(), any(), any(), anyString(), anyInt(), anyInt()))
                .thenReturn(new WorkbenchPage(List.of(waiting), 0, WorkbenchListPage.PAGE_SIZE, 1));
    }

    @Test
    void the_duty_team_starts_on_everything_unreviewed_with_counts_on_its_tabs() throws Exception {
        mvc.perform(get("/notifications").with(authentication(WorkbenchFixtures.signedIn(Role.DUTY_TEAM))))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Unreviewed notifications")))
                .andExpect(content().string(containsString("MASH queue (1)")))
                .andExpect(content().string(containsString("4 Mar 2026, 09:30")))
                .andExpect(content().string(containsString("Emergency department")));
        verify(notifications).workbench(any(), eq(View.UNREVIEWED), any(), eq(""), eq(0), anyInt());
    }

    @Test
    void the_page_has_the_signed_in_header_its_navigation_and_says_when_the_email_backup_is_off() throws Exception {
        when(notifications.emailBackupOn()).thenReturn(false);
        mvc.perform(get("/notifications").with(authentication(WorkbenchFixtures.signedIn(Role.DUTY_TEAM))))
                .andExpect(status().isOk())
                .andExpect(
                        content().string(containsString("A. Person, " + Role.DUTY_TEAM.displayName() + ", Birmingham")))
                .andExpect(content().string(containsString("nhsuk-header__navigation")))
                .andExpect(content().string(containsString("data-testid=\"email-backup-off\"")));

        when(notifications.emailBackupOn()).thenReturn(true);
        mvc.perform(get("/notifications").with(authentication(WorkbenchFixtures.signedIn(Role.DUTY_TEAM))))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("email-backup-off"))));
    }

    @Test
    void a_view_the_role_does_not_have_is_not_found_and_a_role_without_a_workbench_is_refused() throws Exception {
        mvc.perform(get("/notifications?view=all").with(authentication(WorkbenchFixtures.signedIn(Role.MASH))))
                .andExpect(status().isNotFound());
        mvc.perform(get("/notifications").with(authentication(WorkbenchFixtures.signedIn(Role.LA_DATA_MANAGER))))
                .andExpect(status().isForbidden());
    }

    @Test
    void closing_none_says_what_to_do_next_to_the_first_checkbox() throws Exception {
        mvc.perform(post("/notifications/close")
                        .param("ids", "not-an-id")
                        .param("view", "escalated")
                        .with(authentication(WorkbenchFixtures.signedIn(Role.DUTY_TEAM)))
                        .with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("There is a problem")))
                .andExpect(content()
                        .string(containsString(
                                "<a href=\"#select-" + waiting.id() + "\">Select the notifications to close</a>")));
        verify(workbench, never()).closeAll(any(), anyList(), anyString());
    }

    @Test
    void closing_without_an_outcome_asks_for_one_and_closes_nothing() throws Exception {
        mvc.perform(post("/notifications/close")
                        .param("ids", waiting.id().toString())
                        .param("note", "  ")
                        .param("view", "escalated")
                        .with(authentication(WorkbenchFixtures.signedIn(Role.DUTY_TEAM)))
                        .with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(containsString(
                                "<a href=\"#note\">Enter the outcome for the notifications you are closing</a>")));
        verify(workbench, never()).closeAll(any(), anyList(), anyString());
    }

    @Test
    void the_duty_team_closes_those_ticked_and_goes_back_to_its_list() throws Exception {
        when(workbench.closeAll(any(), eq(List.of(waiting.id())), eq("Seen in clinic")))
                .thenReturn(1);

        mvc.perform(post("/notifications/close")
                        .param("ids", waiting.id().toString(), waiting.id().toString())
                        .param("note", " Seen in clinic ")
                        .param("view", "escalated")
                        .param("q", "L-1")
                        .with(authentication(WorkbenchFixtures.signedIn(Role.DUTY_TEAM)))
                        .with(csrf()))
                .andExpect(redirectedUrl("/notifications?view=escalated&q=L-1"))
                .andExpect(flash().attribute("success", "1 notification closed"));
    }

    @Test
    void only_the_duty_team_closes_in_bulk() throws Exception {
        mvc.perform(post("/notifications/close")
                        .param("ids", waiting.id().toString())
                        .with(authentication(WorkbenchFixtures.signedIn(Role.SOCIAL_WORKER)))
                        .with(csrf()))
                .andExpect(status().isForbidden());
        verify(workbench, never()).closeAll(any(), anyList(), anyString());
    }
}
