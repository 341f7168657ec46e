package org.cpis.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Lets a module answer 401 and 403 on its own API paths in its own format (FHIR's OperationOutcome, for example)
 * instead of the API's default.
 */
public interface ApiErrorWriter {

    boolean handles(HttpServletRequest request);

    void unauthorized(HttpServletRequest request, HttpServletResponse response) throws IOException;

    void forbidden(HttpServletRequest request, HttpServletResponse response) throws IOException;
}
