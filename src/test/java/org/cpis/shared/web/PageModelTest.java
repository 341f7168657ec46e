package org.cpis.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.RedirectView;

class PageModelTest {

    final PageModel shell = new PageModel(request -> Map.of("currentActor", "someone"));

    @Test
    void a_page_about_to_be_rendered_gets_the_attributes() {
        ModelAndView page = new ModelAndView("home");
        post(page);
        assertThat(page.getModel()).containsEntry("currentActor", "someone");
    }

    @Test
    void a_redirect_a_forward_and_a_response_body_get_nothing() {
        ModelAndView redirect = new ModelAndView("redirect:/notifications");
        ModelAndView redirectView = new ModelAndView(new RedirectView("/notifications"));
        ModelAndView forward = new ModelAndView("forward:/error");
        post(redirect);
        post(redirectView);
        post(forward);
        post(null); // a @ResponseBody or FHIR handler has no view
        assertThat(redirect.getModel()).isEmpty();
        assertThat(redirectView.getModel()).isEmpty();
        assertThat(forward.getModel()).isEmpty();
    }

    private void post(ModelAndView page) {
        shell.postHandle(new MockHttpServletRequest(), new MockHttpServletResponse(), new Object(), page);
    }
}
