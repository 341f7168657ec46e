package org.cpis.operations;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param metricsPassword password of the {@code metrics} credential (HTTP Basic) a Prometheus server scrapes
 *     {@code /actuator/prometheus} with; from {@code CPIS_METRICS_PASSWORD}; blank means only administrators may
 * @param figuresEvery how often the database figures behind the gauges are read (in the background, so a scrape
 *     never waits on the database)
 */
@ConfigurationProperties("cpis.operations")
record OperationsProperties(
        String metricsPassword, @DefaultValue("15s") Duration figuresEvery) {}
