package org.cpis.lookup;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.cpis.identity.Actor;
import org.cpis.identity.PersonNotNamedException;
import org.cpis.shared.EnglandDate;
import org.cpis.shared.NhsNumber;
import org.cpis.shared.web.ApiErrorWriter;
import org.cpis.shared.web.TraceIdFilter;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * NHS England's CP-IS FHIR R4 consumer API (docs/interfaces.md section 4; shapes in docs/nhs-cpis-fhir-notes.md), and
 * the Patient Flags style Flag search over the same data and rules.
 */
@RestController
class FhirController {

    static final String BASE = "/fhir/R4";
    static final String FHIR_JSON = "application/fhir+json;charset=UTF-8";

    private static final Pattern TEN_DIGITS = Pattern.compile("[0-9]{10}");
    private static final Pattern SAFE_TRACE_ID = Pattern.compile("[A-Za-z0-9._:\\-]{1,64}");
    private static final Set<String> ALWAYS_ALLOWED = Set.of("patient:identifier", "_format", "_pretty");

    private static final Logger log = LoggerFactory.getLogger(FhirController.class);

    private final FhirContext fhir;
    private final Lookup lookup;
    private final Clock clock;

    FhirController(FhirContext fhir, Lookup lookup, Clock clock) {
        this.fhir = fhir;
        this.lookup = lookup;
        this.clock = clock;
    }

    @GetMapping(BASE + "/metadata")
    void metadata(HttpServletRequest request, HttpServletResponse response) throws IOException {
        write(response, 200, FhirResources.capabilityStatement(base(request)));
    }

    @GetMapping(BASE + "/CareTeam")
    void careTeam(Actor actor, HttpServletRequest request, HttpServletResponse response) throws IOException {
        Search search = search(request, Set.of());
        LookupResult result = lookup.lookup(new LookupRequest(
                actor, search.nhsNumber(), search.unscheduled(), null, LookupRequest.Channel.FHIR, search.traceId()));
        Bundle bundle = FhirResources.searchset(selfUrl(request, "CareTeam", search));
        for (LookupResult.Alert alert : result.alerts()) {
            FhirResources.add(
                    bundle,
                    base(request),
                    FhirResources.careTeam(alert.record(), alert.localAuthority()),
                    Bundle.SearchEntryMode.MATCH);
        }
        bundle.setTotal(result.alerts().size());
        write(response, 200, bundle);
    }

    @GetMapping(BASE + "/Flag")
    void flag(Actor actor, HttpServletRequest request, HttpServletResponse response) throws IOException {
        Search search = search(request, Set.of("_include"));
        LookupResult result = lookup.lookup(new LookupRequest(
                actor, search.nhsNumber(), search.unscheduled(), null, LookupRequest.Channel.FHIR, search.traceId()));
        Bundle bundle = FhirResources.searchset(selfUrl(request, "Flag", search));
        for (LookupResult.Alert alert : result.alerts()) {
            List<Resource> resources =
                    FhirResources.flag(alert.record(), alert.localAuthority(), EnglandDate.today(clock));
            FhirResources.add(bundle, base(request), resources.get(0), Bundle.SearchEntryMode.MATCH);
            for (Resource included : resources.subList(1, resources.size())) {
                FhirResources.add(bundle, base(request), included, Bundle.SearchEntryMode.INCLUDE);
            }
        }
        bundle.setTotal(result.alerts().size());
        write(response, 200, bundle);
    }

    @GetMapping(BASE + "/AuditEvent")
    void auditEvent(Actor actor, HttpServletRequest request, HttpServletResponse response) throws IOException {
        // The guide's consumer form adds _include=AuditEvent:entity-type=...; the PractitionerRole is always included.
        Search search = search(request, Set.of("_include"));
        List<Access> accesses = lookup.recentAccesses(actor, search.nhsNumber(), search.traceId());
        Bundle bundle = FhirResources.searchset(selfUrl(request, "AuditEvent", search));
        for (Access access : accesses) {
            PractitionerRole accessor = FhirResources.practitionerRole(access);
            FhirResources.add(
                    bundle,
                    base(request),
                    FhirResources.auditEvent(access, search.nhsNumber(), accessor),
                    Bundle.SearchEntryMode.MATCH);
            FhirResources.add(bundle, base(request), accessor, Bundle.SearchEntryMode.INCLUDE);
        }
        bundle.setTotal(accesses.size());
        write(response, 200, bundle);
    }

    record Search(NhsNumber nhsNumber, boolean unscheduled, String traceId, String rawIdentifier) {}

    /** Validates headers and parameters the way the guide's error table describes; never echoes a value back. */
    private static Search search(HttpServletRequest request, Set<String> alsoAllowed) {
        Map<String, String[]> parameters = new HashMap<>(request.getParameterMap());
        for (String name : parameters.keySet()) {
            if (!ALWAYS_ALLOWED.contains(name) && !alsoAllowed.contains(name)) {
                throw precondition("Unsupported search parameter: only patient:identifier is supported");
            }
        }
        String format = single(parameters, "_format");
        if (format != null
                && !format.equals("json")
                && !format.startsWith("application/fhir+json")
                && !format.startsWith("application/json")) {
            throw precondition("Only JSON is supported");
        }
        String traceId = request.getHeader(TraceIdFilter.TRACE_ID_HEADER);
        if (traceId != null && !SAFE_TRACE_ID.matcher(traceId).matches()) {
            throw precondition("TraceID must be 1 to 64 letters, digits or . _ : -");
        }
        boolean unscheduled = unscheduled(request.getHeader("IsUnscheduledAccessEvent"));
        String identifier = single(parameters, "patient:identifier");
        return new Search(nhsNumber(identifier), unscheduled, TraceIdFilter.current(), identifier);
    }

    /** The IsUnscheduledAccessEvent header: absent means unscheduled care, the guide says. */
    private static boolean unscheduled(String header) {
        if (header == null || header.trim().equalsIgnoreCase("true")) {
            return true;
        }
        if (header.trim().equalsIgnoreCase("false")) {
            return false;
        }
        throw precondition("IsUnscheduledAccessEvent must be true or false");
    }

    /** The NHS number of a {@code patient:identifier} token, {@code system|value}. */
    private static NhsNumber nhsNumber(String identifier) {
        if (identifier == null || identifier.isBlank()) {
            throw precondition("patient:identifier is required");
        }
        int bar = identifier.indexOf('|');
        if (bar < 0 || !identifier.substring(0, bar).equals(FhirResources.NHS_NUMBER_SYSTEM)) {
            throw precondition("patient:identifier must be " + FhirResources.NHS_NUMBER_SYSTEM + "|{NHS number}");
        }
        String value = identifier.substring(bar + 1);
        if (!TEN_DIGITS.matcher(value).matches() || !NhsNumber.isValid(value)) {
            throw new FhirErrors.FhirException(
                    FhirErrors.INVALID_SEARCH_DATA, "The NHS number is not 10 digits with a valid check digit");
        }
        return NhsNumber.of(value);
    }

    private static String single(Map<String, String[]> parameters, String name) {
        String[] values = parameters.get(name);
        if (values == null) {
            return null;
        }
        if (values.length != 1) {
            throw precondition(name + " must be given once");
        }
        return values[0];
    }

    private static FhirErrors.FhirException precondition(String diagnostics) {
        return new FhirErrors.FhirException(FhirErrors.PRECONDITION_FAILED, diagnostics);
    }

    private static String base(HttpServletRequest request) {
        String scheme = request.getScheme();
        int port = request.getServerPort();
        boolean defaultPort = (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return scheme + "://" + request.getServerName() + (defaultPort ? "" : ":" + port) + request.getContextPath()
                + BASE;
    }

    private static String selfUrl(HttpServletRequest request, String type, Search search) {
        return base(request) + "/" + type + "?patient:identifier=" + FhirResources.NHS_NUMBER_SYSTEM + "|"
                + search.nhsNumber().value();
    }

    private void write(HttpServletResponse response, int status, IBaseResource resource) throws IOException {
        response.setStatus(status);
        response.setContentType(FHIR_JSON);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        // Encoded whole first: a Content-Length response in one write, instead of the parser's flushes making Tomcat
        // send it chunked in pieces.
        byte[] body = fhir.newJsonParser().encodeResourceToString(resource).getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    @ExceptionHandler(FhirErrors.FhirException.class)
    void fhirError(FhirErrors.FhirException e, HttpServletResponse response) throws IOException {
        write(response, e.error().status(), e.error().outcome(e.getMessage()));
    }

    /** Logged by kind and trace id only: PostgreSQL's details are off (docs/operations.md), the SQL has no values. */
    @ExceptionHandler(DataAccessException.class)
    void databaseError(DataAccessException e, HttpServletResponse response) throws IOException {
        log.error("FHIR request failed in the database: {}", e.getClass().getSimpleName());
        write(response, 500, FhirErrors.INTERNAL_SERVER_ERROR.outcome(null));
    }

    /** The person-naming refusals (issue 12) say what to send; other refusals say nothing more. */
    @ExceptionHandler(AccessDeniedException.class)
    void denied(AccessDeniedException e, HttpServletResponse response) throws IOException {
        String diagnostics = e instanceof PersonNotNamedException ? e.getMessage() : null;
        write(response, 403, FhirErrors.ACCESS_DENIED.outcome(diagnostics));
    }

    /** 401 and 403 from the security filters on /fhir/** are OperationOutcomes too. */
    @Component
    static class FhirSecurityErrors implements ApiErrorWriter {

        private final FhirContext fhir;

        FhirSecurityErrors(FhirContext fhir) {
            this.fhir = fhir;
        }

        @Override
        public boolean handles(HttpServletRequest request) {
            return request.getRequestURI().startsWith(request.getContextPath() + "/fhir/");
        }

        @Override
        public void unauthorized(HttpServletRequest request, HttpServletResponse response) throws IOException {
            respond(response, 401, FhirErrors.UNAUTHORISED);
        }

        @Override
        public void forbidden(HttpServletRequest request, HttpServletResponse response) throws IOException {
            respond(response, 403, FhirErrors.ACCESS_DENIED);
        }

        private void respond(HttpServletResponse response, int status, FhirErrors error) throws IOException {
            response.setStatus(status);
            response.setContentType(FHIR_JSON);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            fhir.newJsonParser().encodeResourceToWriter(error.outcome(null), response.getWriter());
        }
    }
}
