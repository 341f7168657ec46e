package org.cpis.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Errors answered before or around a controller (the request firewall, rate limits, Spring's own refusals): on
 * {@code /fhir} a FHIR OperationOutcome in the form of NHS England's CP-IS API, elsewhere RFC 9457 problem details.
 * The detail is always the hub's own sentence, never anything the caller sent.
 */
public final class ApiErrors {

    public static final String FHIR_JSON = "application/fhir+json;charset=UTF-8";
    static final String SPINE_CODES = "https://fhir.nhs.uk/CodeSystem/England-SpineErrorOrWarningCode";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ApiErrors() {}

    public static boolean fhir(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/fhir") || path.startsWith("/fhir/");
    }

    public static void write(HttpServletRequest request, HttpServletResponse response, int status, String detail)
            throws IOException {
        response.resetBuffer();
        response.setStatus(status);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (fhir(request)) {
            response.setContentType(FHIR_JSON);
            JSON.writeValue(response.getWriter(), operationOutcome(status, detail));
        } else {
            response.setContentType("application/problem+json");
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("type", "about:blank");
            problem.put("title", title(status));
            problem.put("status", status);
            if (detail != null) {
                problem.put("detail", detail);
            }
            JSON.writeValue(response.getWriter(), problem);
        }
        response.flushBuffer();
    }

    /** An OperationOutcome for the status, as a JSON tree (FHIR R4). */
    public static Map<String, Object> operationOutcome(int status, String detail) {
        String[] kind = fhirKind(status);
        Map<String, Object> coding = new LinkedHashMap<>();
        coding.put("system", SPINE_CODES);
        coding.put("code", kind[1]);
        coding.put("display", kind[2]);
        Map<String, Object> issue = new LinkedHashMap<>();
        issue.put("severity", "error");
        issue.put("code", kind[0]);
        issue.put("details", Map.of("coding", List.of(coding)));
        if (detail != null) {
            issue.put("diagnostics", detail);
        }
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("resourceType", "OperationOutcome");
        outcome.put("issue", List.of(issue));
        return outcome;
    }

    /** FHIR issue type, Spine error code and its display for an HTTP status. */
    private static String[] fhirKind(int status) {
        return switch (status) {
            case 400 -> new String[] {"invalid", "INVALID_SEARCH_DATA", "Invalid search data"};
            case 401 -> new String[] {"login", "UNAUTHORISED", "Missing or invalid access token"};
            case 403 -> new String[] {"forbidden", "ACCESS_DENIED", "Access has been denied to process this request"};
            case 404, 405, 406, 415 -> new String[] {"not-supported", "UNSUPPORTED_SERVICE", "Unsupported service"};
            case 429 -> new String[] {"throttled", "TOO_MANY_REQUESTS", "Too many requests"};
            default ->
                status < 500
                        ? new String[] {"invalid", "BAD_REQUEST", "Bad request"}
                        : new String[] {"exception", "INTERNAL_SERVER_ERROR", "Unexpected internal server error"};
        };
    }

    private static String title(int status) {
        org.springframework.http.HttpStatus known = org.springframework.http.HttpStatus.resolve(status);
        return known == null ? "Error" : known.getReasonPhrase();
    }
}
