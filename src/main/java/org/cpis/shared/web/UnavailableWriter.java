package org.cpis.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Lets a module answer "database unavailable" on its own paths in its own format. Status 503 and {@code Retry-After}
 * are set before {@link #write} is called.
 */
public interface UnavailableWriter {

    boolean handles(HttpServletRequest request);

    void write(HttpServletRequest request, HttpServletResponse response) throws IOException;
}
