package org.cpis.workbench;

import java.util.Map;
import org.cpis.identity.Actor;
import org.cpis.identity.Role;
import org.cpis.notifications.Notifications;
import org.cpis.shared.web.PageModel;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The duty team's and the LA data manager's pages say when no SMTP server is configured (the model's
 * {@code emailBackupOff}): they would otherwise expect the e-mail backup (and escalation e-mails) in their mailbox and
 * wait for messages that never come.
 */
@Configuration(proxyBeanMethods = false)
class EmailBackupNotice implements WebMvcConfigurer {

    /** A provider, so that page slices without the notifications module still render (as "on"). */
    private final ObjectProvider<Notifications> notifications;

    EmailBackupNotice(ObjectProvider<Notifications> notifications) {
        this.notifications = notifications;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new PageModel(request -> Map.of("emailBackupOff", emailBackupOff())));
    }

    boolean emailBackupOff() {
        return Actor.from(SecurityContextHolder.getContext().getAuthentication())
                .filter(a -> a.hasRole(Role.DUTY_TEAM, Role.LA_DATA_MANAGER))
                .map(a -> notifications.getIfAvailable())
                .map(n -> !n.emailBackupOn())
                .orElse(false);
    }
}
