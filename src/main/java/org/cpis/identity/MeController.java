package org.cpis.identity;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Lets a system check its credentials: who the hub takes it to be. */
@RestController
class MeController {

    record Me(String clientId, String name, String role, String organisation, String organisationName) {}

    @GetMapping("/api/v1/me")
    Me me(Actor actor) {
        return new Me(
                actor.id(),
                actor.displayName(),
                actor.role().name(),
                actor.organisation().value(),
                actor.organisationName());
    }
}
