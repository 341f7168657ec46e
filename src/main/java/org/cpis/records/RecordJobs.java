package org.cpis.records;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.LocalTime;
import org.cpis.shared.EnglandDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RecordJobs {

    private static final Logger log = LoggerFactory.getLogger(RecordJobs.class);

    /**
     * Daily purge of records no longer visible (spec section 2), at 02:30 UTC, after LA overnight sends and before
     * the morning. db-scheduler runs it on one node, and runs a missed day when the hub comes back.
     */
    @Bean
    RecurringTask<Void> purgeRecords(Records records, Clock clock, MeterRegistry meters) {
        Counter purgedCount = Counter.builder("cpis.records.purged")
                .description("Records removed by the daily purge")
                .register(meters);
        Timer runs = Timer.builder("cpis.records.purge")
                .description("Runs of the daily purge")
                .register(meters);
        return Tasks.recurring("records-purge", Schedules.daily(LocalTime.of(2, 30)))
                .execute((instance, context) -> {
                    Timer.Sample run = Timer.start(meters);
                    int purged = records.purge(EnglandDate.today(clock));
                    run.stop(runs);
                    purgedCount.increment(purged);
                    log.info("Purged {} records no longer visible", purged);
                });
    }
}
