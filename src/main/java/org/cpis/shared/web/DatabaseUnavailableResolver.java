package org.cpis.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Runs before the controllers' own {@code @ExceptionHandler}s (which would turn any {@code DataAccessException} into
 * a 500), so an unreachable database is a 503 on every path.
 */
@Component
class DatabaseUnavailableResolver implements HandlerExceptionResolver, Ordered {

    private final DatabaseUnavailable unavailable;

    DatabaseUnavailableResolver(ObjectProvider<UnavailableWriter> writers) {
        this.unavailable = new DatabaseUnavailable(writers);
    }

    @Override
    public ModelAndView resolveException(
            HttpServletRequest request, HttpServletResponse response, Object handler, Exception failure) {
        if (!DatabaseUnavailable.causedBy(failure)) {
            return null;
        }
        try {
            return unavailable.respond(failure, request, response) ? new ModelAndView() : null;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public int getOrder() {
        // After Boot's DefaultErrorAttributes (which only notes the exception), before everything else.
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
