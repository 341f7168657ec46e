package org.cpis.shared.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Spring MVC's own refusals (unknown address, wrong method, unreadable request): on the API as RFC 9457 problem
 * details, as {@code spring.mvc.problemdetails.enabled} gives them, on {@code /fhir} as OperationOutcomes, and on pages
 * as the hub's error page. Replaces Spring Boot's equivalent handler, which steps aside for this one.
 */
@ControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final MediaType FHIR_JSON = MediaType.parseMediaType(ApiErrors.FHIR_JSON);

    @Override
    protected ResponseEntity<Object> createResponseEntity(
            Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (!(request instanceof ServletWebRequest web) || web.getResponse() == null) {
            return super.createResponseEntity(body, headers, status, request);
        }
        if (ApiErrors.fhir(web.getRequest())) {
            HttpHeaders fhirHeaders = new HttpHeaders();
            fhirHeaders.addAll(headers);
            fhirHeaders.setContentType(FHIR_JSON);
            return new ResponseEntity<>(ApiErrors.operationOutcome(status.value(), null), fhirHeaders, status);
        }
        if (api(web)) {
            return super.createResponseEntity(body, headers, status, request);
        }
        // A page: the hub's own error page ("Page not found"), as a browser expects, not a JSON body.
        try {
            headers.forEach(
                    (name, values) -> values.forEach(v -> web.getResponse().addHeader(name, v)));
            web.getResponse().sendError(status.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return null;
    }

    private static boolean api(ServletWebRequest web) {
        String path = web.getRequest()
                .getRequestURI()
                .substring(web.getRequest().getContextPath().length());
        return path.startsWith("/api/") || path.startsWith("/oauth2/");
    }
}
