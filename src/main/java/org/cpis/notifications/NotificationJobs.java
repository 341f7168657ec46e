package org.cpis.notifications;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class NotificationJobs {

    /** Every five minutes, on one node: flag notifications left unreviewed too long. */
    @Bean
    RecurringTask<Void> escalateNotifications(NotificationService notifications) {
        return Tasks.recurring("notifications-escalate", FixedDelay.of(Duration.ofMinutes(5)))
                .execute((instance, context) -> notifications.escalate());
    }
}
