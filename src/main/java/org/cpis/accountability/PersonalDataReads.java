package org.cpis.accountability;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.cpis.audit.Audit;
import org.cpis.audit.AuditEntry;
import org.cpis.identity.Actor;
import org.cpis.shared.web.TraceIdFilter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Reads of personal data that their own modules do not audit: LA record pages, upload acknowledgements (pages, JSON
 * download and API), the notification list and the pull API, the missing-alert list, the LA's inactive NHS numbers. The entry is written and
 * committed before the handler reads anything, so a read whose entry cannot be written is not served. Lookups, the
 * notification page, reviews and the privacy officer's reports audit themselves, with their subject.
 */
@Configuration(proxyBeanMethods = false)
class PersonalDataReads implements WebMvcConfigurer {

    static final String[] READS = {
        "/records",
        "/records/**",
        "/uploads/*",
        "/uploads/*/acknowledgement.json",
        "/notifications",
        "/missing-alerts",
        "/inactive-nhs-numbers",
        "/api/v1/uploads",
        "/api/v1/uploads/*",
        "/api/v1/notifications"
    };

    private final ObjectProvider<Audit> audit;
    private final ObjectProvider<TransactionTemplate> transactions;

    PersonalDataReads(ObjectProvider<Audit> audit, ObjectProvider<TransactionTemplate> transactions) {
        this.audit = audit;
        this.transactions = transactions;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
                    @Override
                    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object h) {
                        if (request.getMethod().equals("GET")) {
                            record(request);
                        }
                        return true;
                    }
                })
                .addPathPatterns(READS);
    }

    private void record(HttpServletRequest request) {
        Audit trail = audit.getIfAvailable();
        TransactionTemplate tx = transactions.getIfAvailable();
        Actor actor = Actor.from(SecurityContextHolder.getContext().getAuthentication())
                .orElse(null);
        if (trail == null || tx == null || actor == null) {
            return;
        }
        String route = routeOf(request);
        tx.executeWithoutResult(status -> trail.record(new AuditEntry(
                actor.id(),
                actor.role().name(),
                actor.organisation().value(),
                route.startsWith("/api/") ? "READ_API" : "READ_PAGE",
                null,
                route,
                "ALLOWED",
                TraceIdFilter.current(),
                actor.via() == null ? null : "via=" + actor.via())));
    }

    /** The route and its path variables (ids, never personal data: no cpis path carries an NHS number). */
    private static String routeOf(HttpServletRequest request) {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        String route = pattern == null ? request.getRequestURI() : pattern.toString();
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        if (variables instanceof Map<?, ?> map && !map.isEmpty()) {
            route = route + " " + map;
        }
        return route.length() > 100 ? route.substring(0, 100) : route;
    }
}
