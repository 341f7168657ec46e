package org.cpis.identity;

import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cpis.shared.web.PageModel;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every page's header shows who is signed in, in which role and organisation, and the role's pages: the model's
 * {@code currentActor} (null when nobody is signed in) and {@code navigation}.
 */
@Configuration(proxyBeanMethods = false)
class ShellModel implements WebMvcConfigurer {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new PageModel(ShellModel::shell));
    }

    static Map<String, ?> shell(HttpServletRequest request) {
        Actor actor = Actor.from(SecurityContextHolder.getContext().getAuthentication())
                .orElse(null);
        Map<String, Object> model = new HashMap<>(); // currentActor may be null
        model.put("currentActor", actor);
        model.put("navigation", navigation(actor, request));
        return model;
    }

    /** The role's pages, for the header's navigation; empty when nobody is signed in. */
    private static List<HomeTasks.NavItem> navigation(Actor actor, HttpServletRequest request) {
        if (actor == null || actor.system()) {
            return List.of();
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return HomeTasks.navigation(actor.role(), path);
    }
}
