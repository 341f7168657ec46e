package org.cpis.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.function.Function;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.SmartView;

/**
 * Adds what every page's layout needs (the header's signed-in person, its navigation, notices) to the model of a page
 * about to be rendered. An interceptor rather than a {@code @ModelAttribute} advice: an advice's methods run before
 * every handler, the FHIR and JSON APIs included, where they had no view to feed and cost a tenth of a FHIR read's
 * request-thread CPU (docs/decisions.md, "Speed budget"). Never added to a redirect, whose model becomes its query
 * string.
 */
public final class PageModel implements HandlerInterceptor {

    private final Function<HttpServletRequest, Map<String, ?>> attributes;

    /** @param attributes the attributes for a page, given its request */
    public PageModel(Function<HttpServletRequest, Map<String, ?>> attributes) {
        this.attributes = attributes;
    }

    @Override
    public void postHandle(
            HttpServletRequest request, HttpServletResponse response, Object handler, ModelAndView page) {
        if (rendersPage(page)) {
            page.addAllObjects(attributes.apply(request));
        }
    }

    static boolean rendersPage(ModelAndView page) {
        if (page == null || page.wasCleared()) {
            return false;
        }
        if (page.getView() instanceof SmartView view) {
            return !view.isRedirectView();
        }
        String name = page.getViewName();
        return name != null && !name.startsWith("redirect:") && !name.startsWith("forward:");
    }
}
