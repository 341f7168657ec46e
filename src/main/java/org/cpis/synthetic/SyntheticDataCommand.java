package org.cpis.synthetic;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar cpis.jar --cpis.command=synthetic-data}: fills an empty hub with the synthetic national data set
 * (docs/operations.md), after the registry and the demo identities are loaded, then exits (or, with
 * {@code --cpis.synthetic.serve=true}, keeps serving it).
 */
@Component
@ConditionalOnProperty(name = "cpis.command", havingValue = "synthetic-data")
@Order(Ordered.LOWEST_PRECEDENCE)
class SyntheticDataCommand implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SyntheticDataCommand.class);

    private final SyntheticData generator;
    private final SyntheticDataProperties properties;
    private final ConfigurableApplicationContext context;

    SyntheticDataCommand(
            SyntheticData generator, SyntheticDataProperties properties, ConfigurableApplicationContext context) {
        this.generator = generator;
        this.properties = properties;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        SyntheticData.Summary summary = generator.generate(properties);
        log.info(
                "Synthetic national data set: {} care settings added, {} records, {} accesses, {} notifications,"
                        + " {} audit entries, in {} s",
                summary.careSettingsAdded(),
                summary.records(),
                summary.accesses(),
                summary.notifications(),
                summary.auditEntries(),
                summary.took().toSeconds());
        if (!properties.serve()) {
            System.exit(SpringApplication.exit(context, () -> 0));
        }
    }
}
