package org.cpis.workbench;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Duration;
import org.cpis.notifications.Notifications;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class EscalationJob {

    /** Every five minutes, on one node: flag notifications left unreviewed too long for the duty team. */
    @Bean
    RecurringTask<Void> escalateNotifications(Notifications notifications) {
        return Tasks.recurring("notifications-escalate", FixedDelay.of(Duration.ofMinutes(5)))
                .execute((instance, context) -> notifications.escalate());
    }
}
