package org.cpis.identity;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Every page's header shows who is signed in, in which role and organisation. */
@ControllerAdvice
class ShellModelAdvice {

    @ModelAttribute("currentActor")
    Actor currentActor() {
        return Actor.from(SecurityContextHolder.getContext().getAuthentication())
                .orElse(null);
    }
}
