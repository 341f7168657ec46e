package org.cpis.lookup;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.cpis.shared.NhsNumber;
import org.cpis.shared.web.TraceIdFilter;

/**
 * A search of the FHIR API as the caller sent it, checked the way NHS England's error table describes (never echoing a
 * value back): the patient in any of the forms NHS England's guides use, the two CP-IS headers, and the result
 * parameters an ordinary FHIR client adds.
 *
 * @param patientForm the parameter name the caller used ({@code patient} or {@code patient:identifier}), for the
 *     Bundle's self link
 * @param code the {@code code} parameter of a Flag search, or null
 */
record FhirSearch(NhsNumber nhsNumber, boolean unscheduled, String traceId, String patientForm, String code) {

    static final String PATIENT = "patient";
    static final String PATIENT_IDENTIFIER = "patient:identifier";
    static final String CODE = "code";
    private static final String UNSCHEDULED_HEADER = "IsUnscheduledAccessEvent";

    /**
     * Result parameters FHIR lets a server ignore, which generic clients send. {@code _count} is ignored on purpose: a
     * child's plans are never split over pages, as a first page alone would be a partial answer (docs/api.md).
     */
    static final Set<String> IGNORED = Set.of(
            "_format", "_pretty", "_count", "_summary", "_elements", "_total", "_sort", "_include", "_revinclude");

    private static final Pattern TEN_DIGITS = Pattern.compile("[0-9]{10}");
    private static final Pattern SAFE_TRACE_ID = Pattern.compile("[A-Za-z0-9._:\\-]{1,64}");

    /** @param withCode whether this resource type takes a {@code code} parameter (Flag, PatientFlag) */
    static FhirSearch of(HttpServletRequest request, boolean withCode) {
        Map<String, String[]> parameters = request.getParameterMap();
        for (String name : parameters.keySet()) {
            boolean known = IGNORED.contains(name)
                    || name.equals(PATIENT)
                    || name.equals(PATIENT_IDENTIFIER)
                    || (withCode && name.equals(CODE));
            if (!known) {
                throw precondition("Unsupported search parameter: search by patient (NHS number)"
                        + (withCode ? " and code" : "") + " only");
            }
        }
        checkFormat(single(parameters, "_format"));
        String traceId = request.getHeader(TraceIdFilter.TRACE_ID_HEADER);
        if (traceId != null && !SAFE_TRACE_ID.matcher(traceId).matches()) {
            throw precondition("TraceID must be 1 to 64 letters, digits or . _ : -");
        }
        boolean unscheduled = unscheduled(request.getHeader(UNSCHEDULED_HEADER));
        String patient = single(parameters, PATIENT);
        String identifier = single(parameters, PATIENT_IDENTIFIER);
        if (patient != null && identifier != null) {
            throw precondition("Give the patient once: patient or patient:identifier");
        }
        NhsNumber nhs = patient != null ? patient(patient) : identifier(identifier);
        String code = withCode ? single(parameters, CODE) : null;
        if (code != null && code.isBlank()) {
            throw precondition("code must not be empty");
        }
        return new FhirSearch(
                nhs, unscheduled, TraceIdFilter.current(), patient != null ? PATIENT : PATIENT_IDENTIFIER, code);
    }

    /**
     * Whether the {@code code} parameter asks for CP-IS flags: absent, or one of its comma-separated tokens is
     * {@code [system|]child-protection-information-system-flag}. A search for another kind of flag finds nothing.
     */
    boolean asksForChildProtectionFlags() {
        if (code == null) {
            return true;
        }
        for (String token : List.of(code.split(","))) {
            int bar = token.indexOf('|');
            String system = bar < 0 ? null : token.substring(0, bar);
            String value = bar < 0 ? token : token.substring(bar + 1);
            boolean systemMatches = system == null || system.isEmpty() || system.equals(FhirResources.FLAG_CATEGORY);
            if (systemMatches && value.equals(FhirResources.CPIS_FLAG_CODE)) {
                return true;
            }
        }
        return false;
    }

    private static void checkFormat(String format) {
        if (format != null
                && !format.equals("json")
                && !format.startsWith("application/fhir+json")
                && !format.startsWith("application/json")) {
            throw precondition("Only JSON is supported");
        }
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

    /**
     * {@code patient=}: NHS England's CapabilityStatement and the Patient Flags guide give the bare NHS number; as a
     * token it may carry the NHS number system, and as a reference the PDS form {@code Patient/<NHS number>}.
     */
    private static NhsNumber patient(String value) {
        if (value.isBlank()) {
            throw precondition("patient is required: the NHS number");
        }
        String number = value;
        if (value.startsWith("Patient/")) {
            number = value.substring("Patient/".length());
        } else if (value.indexOf('|') >= 0) {
            int bar = value.indexOf('|');
            if (!value.substring(0, bar).equals(FhirResources.NHS_NUMBER_SYSTEM)) {
                throw precondition(
                        "patient must be an NHS number, or " + FhirResources.NHS_NUMBER_SYSTEM + "|{NHS number}");
            }
            number = value.substring(bar + 1);
        }
        return checked(number);
    }

    /** {@code patient:identifier=}: the CP-IS guide's token, {@code system|value}, with the NHS number system. */
    private static NhsNumber identifier(String identifier) {
        if (identifier == null || identifier.isBlank()) {
            throw precondition("patient or patient:identifier is required");
        }
        int bar = identifier.indexOf('|');
        if (bar < 0 || !identifier.substring(0, bar).equals(FhirResources.NHS_NUMBER_SYSTEM)) {
            throw precondition("patient:identifier must be " + FhirResources.NHS_NUMBER_SYSTEM + "|{NHS number}");
        }
        return checked(identifier.substring(bar + 1));
    }

    private static NhsNumber checked(String value) {
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
}
