package org.cpis.workbench;

import org.cpis.identity.Actor;
import org.cpis.identity.Role;
import org.cpis.notifications.Notifications;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The duty team's and the LA data manager's pages say when no SMTP server is configured: they would otherwise expect
 * the e-mail backup (and escalation e-mails) in their mailbox and wait for messages that never come.
 */
@ControllerAdvice
class EmailBackupNotice {

    /** A provider, so that page slices without the notifications module still render (as "on"). */
    private final ObjectProvider<Notifications> notifications;

    EmailBackupNotice(ObjectProvider<Notifications> notifications) {
        this.notifications = notifications;
    }

    @ModelAttribute("emailBackupOff")
    boolean emailBackupOff() {
        return Actor.from(SecurityContextHolder.getContext().getAuthentication())
                .filter(a -> a.hasRole(Role.DUTY_TEAM, Role.LA_DATA_MANAGER))
                .map(a -> notifications.getIfAvailable())
                .map(n -> !n.emailBackupOn())
                .orElse(false);
    }
}
