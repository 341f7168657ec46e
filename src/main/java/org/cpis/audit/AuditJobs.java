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

    /**
     * How often the audit jobs run. Each run takes the entries that have become a minute old since the last, so the
     * work is the same whatever the period. Once a minute, under load, it came as a minute's entries at once, several
     * seconds of a PostgreSQL core beside the lookups; every ten seconds it comes in even portions, and entries are
     * sealed sooner (docs/decisions.md, "Speed budget").
     */
    static final Duration EVERY = Duration.ofSeconds(10);

    /** Seals new audit entries into the hash chain every ten seconds, on whichever node picks the task. */
    @Bean
    RecurringTask<Void> sealAudit(Audit audit) {
        return Tasks.recurring("audit-seal", FixedDelay.of(EVERY))
                .execute((instance, context) -> sealUntilCaughtUp(audit));
    }

    /**
     * Seals until a batch comes back short of full: every entry old enough is then sealed. Not "until a call finds
     * nothing": under steady load a few more entries pass the one-minute cutoff between any two calls, so such a loop
     * never ended; the roll-up's, reading 100,000 entries a call, took a whole core of PostgreSQL that way (lookup
     * benchmark, docs/decisions.md "Speed budget").
     */
    static void sealUntilCaughtUp(Audit audit) {
        while (audit.seal() == AuditChain.SEAL_BATCH) {
            // keep sealing until caught up
        }
    }

    /** Rolls up until a batch comes back short of full, for the same reason. */
    static void rollUpUntilCaughtUp(Audit audit) {
        while (audit.rollUp() == AuditService.ROLLUP_BATCH) {
            // keep rolling up until caught up
        }
    }

    /**
     * Adds new audit entries to the organisation report's monthly rollup every ten seconds (audit.roll_up), until caught
     * up; after a restore or on first start that is the backfill of the whole trail, in batches.
     */
    @Bean
    RecurringTask<Void> rollUpAudit(Audit audit) {
        return Tasks.recurring("audit-rollup", FixedDelay.of(EVERY))
                .execute((instance, context) -> rollUpUntilCaughtUp(audit));
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
