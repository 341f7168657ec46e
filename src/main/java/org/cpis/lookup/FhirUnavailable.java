package org.cpis.lookup;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.cpis.shared.web.UnavailableWriter;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.stereotype.Component;

/**
 * FHIR's answer while the database is unreachable: 503 with an OperationOutcome ({@code transient}: the same search
 * can be repeated after {@code Retry-After}; nothing was returned).
 */
@Component
class FhirUnavailable implements UnavailableWriter {

    private static final String SYSTEM = "https://fhir.nhs.uk/CodeSystem/England-SpineErrorOrWarningCode";

    private final FhirContext fhir;

    FhirUnavailable(FhirContext fhir) {
        this.fhir = fhir;
    }

    @Override
    public boolean handles(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/fhir/");
    }

    @Override
    public void write(HttpServletRequest request, HttpServletResponse response) throws IOException {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(OperationOutcome.IssueType.TRANSIENT)
                .setDetails(new CodeableConcept(new Coding(SYSTEM, "SERVICE_UNAVAILABLE", "Service unavailable")))
                .setDiagnostics("The service is temporarily unavailable; repeat the search after Retry-After seconds");
        byte[] body = fhir.newJsonParser().encodeResourceToString(outcome).getBytes(StandardCharsets.UTF_8);
        response.setContentType(FhirController.FHIR_JSON);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
