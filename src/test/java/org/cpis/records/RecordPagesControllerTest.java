package org.cpis.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cpis.identity.SignedIn.as;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.cpis.identity.PageSliceTest;
import org.cpis.identity.Role;
import org.cpis.identity.SignedIn;
import org.cpis.shared.PlanType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

/** The records list's search, rows and pages, and who may see it, without a database or a browser. */
@PageSliceTest(RecordPagesController.class)
@Import(RecordsAccessRules.class)
class RecordPagesControllerTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    Records records;

    @MockitoBean
    ChildRecords childRecords;

    private String page(RequestBuilder request) throws Exception {
        return mvc.perform(request)
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    private static RecordPage.Item unbornChildPlan() {
        return new RecordPage.Item(
                7L,
                "9434765919",
                "L-7",
                "Ashworth",
                "Maisie",
                LocalDate.of(1995, 5, 10),
                PlanType.UCPP,
                LocalDate.of(2026, 1, 5),
                null,
                LocalDate.of(2026, 6, 1),
                null,
                LocalDate.of(2033, 3, 1),
                true);
    }

    @Test
    void a_search_asks_once_for_the_page_and_shows_the_rows_as_people_read_them() throws Exception {
        when(records.search(any(), anyString(), anyInt(), anyInt()))
                .thenReturn(new RecordPage(List.of(unbornChildPlan()), 2, RecordPagesController.PAGE_SIZE, 76));

        String html =
                page(get("/records").param("q", " L-7 ").param("page", "3").with(as(Role.LA_DATA_MANAGER)));

        verify(records).search(SignedIn.ORGANISATION, "L-7", 2, RecordPagesController.PAGE_SIZE);
        assertThat(html)
                .contains("943 476 5919", "ASHWORTH, Maisie", "10 May 1995", "Unborn child protection plan")
                .contains("Expected delivery 1 Jun 2026", "until 1 Mar 2033")
                .contains("Showing 51 to 51 of", "Records matching L-7")
                .contains("href=\"/records/7\"")
                .contains("href=\"/records?q=L-7&amp;page=2\"", "href=\"/records?q=L-7&amp;page=4\"")
                .contains("aria-current=\"page\"");
    }

    @Test
    void a_record_opens_for_the_las_staff_and_another_las_is_not_found() throws Exception {
        when(childRecords.open(any(), eq(7L))).thenReturn(Optional.of(unbornChildPlan()));

        for (Role role : new Role[] {Role.LA_DATA_MANAGER, Role.SOCIAL_WORKER, Role.DUTY_TEAM, Role.MASH}) {
            assertThat(page(get("/records/7").with(as(role))))
                    .as(role.name())
                    .contains("<h1>ASHWORTH, Maisie</h1>", "943 476 5919", "Unborn child protection plan");
        }
        mvc.perform(get("/records/8").with(as(Role.LA_DATA_MANAGER))).andExpect(status().isNotFound());
        mvc.perform(get("/records/7").with(as(Role.UNSCHEDULED_CLINICIAN))).andExpect(status().isForbidden());
        mvc.perform(get("/records").with(as(Role.SOCIAL_WORKER))).andExpect(status().isForbidden());
    }

    @Test
    void a_page_that_is_not_a_number_is_the_first() throws Exception {
        when(records.search(any(), anyString(), anyInt(), anyInt()))
                .thenReturn(new RecordPage(List.of(), 0, RecordPagesController.PAGE_SIZE, 0));

        assertThat(page(get("/records").param("page", "x").with(as(Role.LA_DATA_MANAGER))))
                .contains("CP-IS holds no records for your");
        verify(records).search(SignedIn.ORGANISATION, "", 0, RecordPagesController.PAGE_SIZE);
    }

    @Test
    void a_search_too_long_to_be_an_id_shows_the_error_summary_and_keeps_the_input() throws Exception {
        String tooLong = "x".repeat(51);

        String html = page(get("/records").param("q", tooLong).with(as(Role.LA_DATA_MANAGER)));

        assertThat(html)
                .contains("<title>Error: Records – CP-IS</title>", "There is a problem")
                .contains("<a href=\"#q\">Enter an NHS number or a local ID of 50 characters or fewer</a>")
                .contains("value=\"" + tooLong + "\"", "aria-describedby=\"q-hint q-error\"")
                .doesNotContain("No records match");
        verifyNoInteractions(records);
    }

    @Test
    void only_data_managers_see_records() throws Exception {
        for (Role role : List.of(Role.UNSCHEDULED_CLINICIAN, Role.SOCIAL_WORKER, Role.ADMINISTRATOR)) {
            mvc.perform(get("/records").with(as(role))).andExpect(status().isForbidden());
        }
        verifyNoInteractions(records);
    }
}
