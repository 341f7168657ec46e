package org.cpis.audit;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AuditJobs {

    /** Seals new audit entries into the hash chain every minute, on whichever node picks the task. */
    @Bean
    RecurringTask<Void> sealAudit(Audit audit) {
        return Tasks.recurring("audit-seal", FixedDelay.of(Duration.ofMinutes(1)))
                .execute((instance, context) -> {
                    while (audit.seal() > 0) {
                        // keep sealing until caught up
                    }
                });
    }
}
