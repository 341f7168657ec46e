package org.cpis.workbench;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * Another LA's notification, an id that is not one, or a view the role does not have, is simply not found: the hub's
 * own page, not a problem+json body.
 */
@ResponseStatus(HttpStatus.NOT_FOUND)
final class NotFound extends RuntimeException {
    NotFound() {
        super(null, null, false, false);
    }
}
