package org.cpis.identity;

import java.util.Optional;

/** What other modules may ask about a signed-in person. */
public interface People {

    /** The person's work e-mail, which LA case systems name as a child's allocated worker. */
    Optional<String> email(Actor actor);
}
