package org.cpis.mesh;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class MeshJobs {

    /**
     * Polls the inbox and sends what waits, every {@code poll-interval}, on one node at a time: db-scheduler runs a
     * recurring task on the node that picks it, and another node takes over when that one's heartbeat stops.
     */
    @Bean
    // cpis.mesh.scheduled=false leaves the rounds to the caller (tests that drive MESH step by step).
    @ConditionalOnExpression("${cpis.mesh.enabled:false} and ${cpis.mesh.scheduled:true}")
    RecurringTask<Void> meshExchange(MeshExchange exchange, MeshProperties properties) {
        return Tasks.recurring("mesh-exchange", FixedDelay.of(properties.pollInterval()))
                .execute((instance, context) -> exchange.exchange());
    }
}
