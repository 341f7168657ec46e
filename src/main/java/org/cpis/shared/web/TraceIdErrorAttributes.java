package org.cpis.shared.web;

import java.util.Map;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;

/** Error pages and error bodies carry the request's trace id, so a user can quote it to the service desk. */
@Component
class TraceIdErrorAttributes extends DefaultErrorAttributes {

    @Override
    public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
        Map<String, Object> attributes = super.getErrorAttributes(request, options);
        Object traceId = request.getAttribute(TraceIdFilter.REQUEST_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (traceId != null) {
            attributes.put("traceId", traceId);
        }
        return attributes;
    }
}
