package org.cpis.lookup;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.cpis.identity.Actor;
import org.cpis.identity.PersonNotNamedException;
import org.cpis.shared.EnglandDate;
import org.cpis.shared.web.ApiErrorWriter;
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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * NHS England's CP-IS FHIR R4 consumer API (docs/interfaces.md section 4; shapes in docs/nhs-cpis-fhir-notes.md), and
 * the Patient Flags style Flag search over the same data and rules.
 */
@RestController
class FhirController {

    static final String BASE = "/fhir/R4";
    static final String FHIR_JSON = "application/fhir+json;charset=UTF-8";

    private static final Set<String> SEARCHABLE = Set.of("CareTeam", "AuditEvent", "Flag", "PatientFlag");

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
        write(response, 200, FhirCapabilities.capabilityStatement(base(request)));
    }

    @GetMapping(BASE + "/CareTeam")
    void careTeam(Actor actor, HttpServletRequest request, HttpServletResponse response) throws IOException {
        FhirSearch search = FhirSearch.of(request, false);
        LookupResult result = lookup.lookup(lookupRequest(actor, search));
        LocalDate today = EnglandDate.today(clock);
        Bundle bundle = FhirResources.searchset(selfUrl(request, "CareTeam", search));
        for (LookupResult.Alert alert : result.alerts()) {
            FhirResources.add(
                    bundle,
                    base(request),
                    FhirResources.careTeam(alert.record(), alert.localAuthority(), today),
                    Bundle.SearchEntryMode.MATCH);
        }
        bundle.setTotal(result.alerts().size());
        write(response, 200, bundle);
    }

    /** The Patient Flags search, at NHS England's path (PatientFlag) and as FHIR's own Flag search. */
    @GetMapping({BASE + "/Flag", BASE + "/PatientFlag"})
    void flag(Actor actor, HttpServletRequest request, HttpServletResponse response) throws IOException {
        FhirSearch search = FhirSearch.of(request, true);
        String type = request.getRequestURI().endsWith("/PatientFlag") ? "PatientFlag" : "Flag";
        Bundle bundle = FhirResources.searchset(selfUrl(request, type, search));
        // A search for another kind of flag is answered without reading the child's records: nothing was shown.
        List<LookupResult.Alert> alerts = search.asksForChildProtectionFlags()
                ? lookup.lookup(lookupRequest(actor, search)).alerts()
                : List.of();
        LocalDate today = EnglandDate.today(clock);
        Instant now = Instant.now(clock);
        for (LookupResult.Alert alert : alerts) {
            List<Resource> resources = FhirFlags.flag(alert.record(), alert.localAuthority(), today, now);
            FhirResources.add(bundle, base(request), resources.get(0), Bundle.SearchEntryMode.MATCH);
            for (Resource included : resources.subList(1, resources.size())) {
                FhirResources.add(bundle, base(request), included, Bundle.SearchEntryMode.INCLUDE);
            }
        }
        bundle.setTotal(alerts.size());
        write(response, 200, bundle);
    }

    @GetMapping(BASE + "/AuditEvent")
    void auditEvent(Actor actor, HttpServletRequest request, HttpServletResponse response) throws IOException {
        // The guide's consumer form adds _include=AuditEvent:entity-type=...; the PractitionerRole is always included.
        FhirSearch search = FhirSearch.of(request, false);
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

    /**
     * Everything else under the base, as a FHIR server answers it: an interaction the hub does not offer on a type it
     * serves (read by id, vread, history, POST _search, create, update, delete) is 405, any other type or path 404.
     * Reached only with a health system's token, so a valid lookup token never gets a 403 for asking.
     */
    @RequestMapping(BASE + "/**")
    void unsupported(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length() + BASE.length());
        String[] segments = path.replaceFirst("^/", "").split("/");
        boolean servedType = SEARCHABLE.contains(segments[0]) || segments[0].equals("metadata");
        boolean atBase = segments[0].isEmpty();
        if (servedType || atBase) {
            write(
                    response,
                    405,
                    FhirErrors.UNSUPPORTED_SERVICE.outcome(
                            "Only search by patient (GET [base]/{type}?patient=...) and GET [base]/metadata are supported"));
        } else {
            write(
                    response,
                    404,
                    FhirErrors.RESOURCE_NOT_FOUND.outcome(
                            "Unknown resource type: only CareTeam, AuditEvent, Flag and PatientFlag can be searched"));
        }
    }

    private static LookupRequest lookupRequest(Actor actor, FhirSearch search) {
        return new LookupRequest(
                actor, search.nhsNumber(), search.unscheduled(), null, LookupRequest.Channel.FHIR, search.traceId());
    }

    private static String base(HttpServletRequest request) {
        String scheme = request.getScheme();
        int port = request.getServerPort();
        boolean defaultPort = (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return scheme + "://" + request.getServerName() + (defaultPort ? "" : ":" + port) + request.getContextPath()
                + BASE;
    }

    /** The search as the hub understood it, in the form the caller used. */
    private static String selfUrl(HttpServletRequest request, String type, FhirSearch search) {
        String patient = search.patientForm().equals(FhirSearch.PATIENT)
                ? search.nhsNumber().value()
                : FhirResources.NHS_NUMBER_SYSTEM + "|" + search.nhsNumber().value();
        String code = search.code() == null || !search.asksForChildProtectionFlags()
                ? ""
                : "&code=" + FhirResources.CPIS_FLAG_CODE;
        return base(request) + "/" + type + "?" + search.patientForm() + "=" + patient + code;
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
