package org.cpis.identity;

import org.springframework.security.access.AccessDeniedException;

/**
 * An API call that must name the person acting and does not, or names them in headers the hub cannot accept. Its
 * message is fixed text for the caller (never their input), shown in the 403 OperationOutcome's diagnostics.
 */
public class PersonNotNamedException extends AccessDeniedException {

    public PersonNotNamedException(String message) {
        super(message);
    }
}
