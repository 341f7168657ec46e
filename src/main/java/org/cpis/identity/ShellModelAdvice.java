package org.cpis.identity;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Every page's header shows who is signed in, in which role and organisation, and the role's pages. */
@ControllerAdvice
class ShellModelAdvice {

    @ModelAttribute("currentActor")
    Actor currentActor() {
        return Actor.from(SecurityContextHolder.getContext().getAuthentication())
                .orElse(null);
    }

    /** The role's pages, for the header's navigation; empty when nobody is signed in. */
    @ModelAttribute("navigation")
    List<HomeTasks.NavItem> navigation(HttpServletRequest request) {
        Actor actor = currentActor();
        if (actor == null || actor.system()) {
            return List.of();
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return HomeTasks.navigation(actor.role(), path);
    }
}
