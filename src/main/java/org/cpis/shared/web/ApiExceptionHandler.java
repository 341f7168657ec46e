package org.cpis.shared.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Spring MVC's own refusals (unknown address, wrong method, unreadable request) as RFC 9457 problem details, as
 * {@code spring.mvc.problemdetails.enabled} gives them, except on {@code /fhir}, where they are OperationOutcomes.
 * Replaces Spring Boot's equivalent handler, which steps aside for this one.
 */
@ControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final MediaType FHIR_JSON = MediaType.parseMediaType(ApiErrors.FHIR_JSON);

    @Override
    protected ResponseEntity<Object> createResponseEntity(
            Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (request instanceof ServletWebRequest web && ApiErrors.fhir(web.getRequest())) {
            HttpHeaders fhirHeaders = new HttpHeaders();
            fhirHeaders.addAll(headers);
            fhirHeaders.setContentType(FHIR_JSON);
            return new ResponseEntity<>(ApiErrors.operationOutcome(status.value(), null), fhirHeaders, status);
        }
        return super.createResponseEntity(body, headers, status, request);
    }
}
