package org.cpis.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * The answer while PostgreSQL is unreachable (stopped, restarting, failing over, or the pool out of connections for
 * longer than its bounded wait): 503 with {@code Retry-After}, never a generic 500. A module may answer in its own
 * format on its own paths ({@link UnavailableWriter}, e.g. FHIR's OperationOutcome); the rest of the API gets
 * {@code application/problem+json}, pages the error page.
 */
public final class DatabaseUnavailable {

    /** Seconds a client should wait: a restart or a failover behind a proxy takes a few. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailable.class);
    private static final int MAX_CAUSES = 20;

    private final ObjectProvider<UnavailableWriter> writers;

    /** Built by the resolver and the filter, which web slices load without the modules' writers. */
    DatabaseUnavailable(ObjectProvider<UnavailableWriter> writers) {
        this.writers = writers;
    }

    /**
     * Whether this failure means the database could not be reached or dropped the connection (SQL states of class 08,
     * and 57P01-57P03: the server shutting down or starting), as opposed to a refused statement, which is a bug. A
     * commit or rollback that failed at the driver ({@code TransactionSystemException}) counts too.
     */
    static boolean causedBy(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_CAUSES; depth++, t = t.getCause()) {
            if (t instanceof CannotCreateTransactionException
                    // A commit or rollback the driver could not carry out: the connection went (seen as "JDBC rollback
                    // failed" when PostgreSQL's primary died under a request, in the Patroni rehearsal).
                    || t instanceof TransactionSystemException
                    || t instanceof DataAccessResourceFailureException
                    || t instanceof TransientDataAccessResourceException
                    || t instanceof RecoverableDataAccessException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof SQLRecoverableException
                    || (t instanceof SQLException sql && connectionState(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean connectionState(String sqlState) {
        return sqlState != null
                && (sqlState.startsWith("08")
                        || sqlState.equals("57P01")
                        || sqlState.equals("57P02")
                        || sqlState.equals("57P03"));
    }

    /** Writes the 503; false if the response is already committed (nothing can be said any more). */
    boolean respond(Throwable failure, HttpServletRequest request, HttpServletResponse response) throws IOException {
        // The kind only: connection errors carry host names, never personal data, but messages are not logged anyway.
        log.warn("Database unavailable: {}", failure.getClass().getSimpleName());
        if (response.isCommitted()) {
            return false;
        }
        response.resetBuffer();
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
        for (UnavailableWriter writer : writers.orderedStream().toList()) {
            if (writer.handles(request)) {
                writer.write(request, response);
                return true;
            }
        }
        if (isApi(request)) {
            writeProblem(response);
        } else {
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        }
        return true;
    }

    private static boolean isApi(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/api/") || path.startsWith("/oauth2/") || path.startsWith("/fhir/");
    }

    private static void writeProblem(HttpServletResponse response) throws IOException {
        String traceId = TraceIdFilter.current();
        byte[] body = ("{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,"
                        + "\"detail\":\"The hub's database is unavailable. Try again after Retry-After seconds.\""
                        + (traceId == null ? "" : ",\"traceId\":\"" + traceId + "\"")
                        + "}")
                .getBytes(StandardCharsets.UTF_8);
        response.setContentType("application/problem+json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
