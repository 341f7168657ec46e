package org.cpis.lookup;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;

/** The OperationOutcome errors of NHS England's CP-IS FHIR API (implementation guide, "Error handling"). */
enum FhirErrors {
    INVALID_SEARCH_DATA(400, OperationOutcome.IssueType.INVALID, "Invalid NHS number"),
    // The guide's own wording, kept so that consumers matching on it keep working.
    PRECONDITION_FAILED(400, OperationOutcome.IssueType.INVALID, "Missing or invalid head parameter"),
    ACCESS_DENIED(403, OperationOutcome.IssueType.FORBIDDEN, "Access has been denied to process this request"),
    // Not in the CP-IS guide's table; the Spine codes NHS England's APIs give a FHIR client for a resource type the
    // server does not have and an interaction it does not offer.
    RESOURCE_NOT_FOUND(404, OperationOutcome.IssueType.NOTFOUND, "Resource not found"),
    UNSUPPORTED_SERVICE(405, OperationOutcome.IssueType.NOTSUPPORTED, "Unsupported Service"),
    // Not in the guide's table (the NHS API platform answers 401 itself); the same form, for one kind of client code.
    UNAUTHORISED(401, OperationOutcome.IssueType.LOGIN, "Missing or invalid access token"),
    // Anything the hub itself failed at (the database refusing or unreachable): nothing was recorded or returned.
    INTERNAL_SERVER_ERROR(500, OperationOutcome.IssueType.EXCEPTION, "Unexpected internal server error");

    static final String SYSTEM = "https://fhir.nhs.uk/CodeSystem/England-SpineErrorOrWarningCode";

    private final int status;
    private final OperationOutcome.IssueType type;
    private final String display;

    FhirErrors(int status, OperationOutcome.IssueType type, String display) {
        this.status = status;
        this.type = type;
        this.display = display;
    }

    int status() {
        return status;
    }

    /** @param diagnostics what exactly was wrong; never echoes the caller's input */
    OperationOutcome outcome(String diagnostics) {
        OperationOutcome outcome = new OperationOutcome();
        OperationOutcome.OperationOutcomeIssueComponent issue = outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(type)
                .setDetails(new CodeableConcept(new Coding(SYSTEM, name(), display)));
        if (diagnostics != null) {
            issue.setDiagnostics(diagnostics);
        }
        return outcome;
    }

    static final class FhirException extends RuntimeException {
        private final FhirErrors error;

        FhirException(FhirErrors error, String diagnostics) {
            super(diagnostics);
            this.error = error;
        }

        FhirErrors error() {
            return error;
        }
    }
}
