package org.cpis.identity;

import java.time.Clock;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/** Keeps each person's last sign-in (form or OpenID Connect), which the administrator's pages show. */
@Component
class SignInRecorder {

    private final AdministrationRepository repository;
    private final Clock clock;

    SignInRecorder(AdministrationRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    @EventListener
    void signedIn(InteractiveAuthenticationSuccessEvent event) {
        Actor.from(event.getAuthentication())
                .filter(actor -> !actor.system())
                .ifPresent(actor -> repository.signedIn(actor.id(), clock.instant()));
    }
}
