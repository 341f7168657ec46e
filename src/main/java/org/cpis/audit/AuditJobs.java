package org.cpis.audit;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Duration;
import java.time.LocalTime;
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

    /**
     * Adds new audit entries to the organisation report's monthly rollup every minute (audit.roll_up), until caught
     * up; after a restore or on first start that is the backfill of the whole trail, in batches.
     */
    @Bean
    RecurringTask<Void> rollUpAudit(Audit audit) {
        return Tasks.recurring("audit-rollup", FixedDelay.of(Duration.ofMinutes(1)))
                .execute((instance, context) -> {
                    while (audit.rollUp() > 0) {
                        // keep rolling up until caught up
                    }
                });
    }

    /**
     * Verifies the whole chain every night at 03:30 UTC (after the 02:30 purge has written its entries); a break is
     * logged, counted and shown on the privacy officers' home page.
     */
    @Bean
    RecurringTask<Void> verifyAudit(AuditIntegrity integrity) {
        return Tasks.recurring("audit-verify", Schedules.daily(LocalTime.of(3, 30)))
                .execute((instance, context) -> integrity.verifyNow());
    }
}
