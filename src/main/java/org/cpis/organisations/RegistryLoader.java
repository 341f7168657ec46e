package org.cpis.organisations;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.cpis.shared.OdsCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * Loads the operator's registry files at start-up, before anything that refers to organisations. A file with errors
 * stops the hub: running with a registry the operator did not intend is worse than not starting.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RegistryLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(RegistryLoader.class);

    private final Organisations organisations;
    private final OrganisationsProperties properties;

    RegistryLoader(Organisations organisations, OrganisationsProperties properties) {
        this.organisations = organisations;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        organisations.registerOperator(OdsCode.of(properties.operatorOdsCode()), properties.operatorName());
        load(properties.localAuthoritiesFile(), organisations::importLocalAuthorities, "local authorities");
        load(properties.careSettingsFile(), organisations::importCareSettings, "care settings");
    }

    private void load(Resource file, Function<Reader, ImportResult> importer, String what) throws IOException {
        if (file == null) {
            return;
        }
        try (Reader reader = new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8)) {
            ImportResult result = importer.apply(reader);
            if (!result.accepted()) {
                throw new IllegalStateException("The " + what + " file " + file.getDescription() + " was refused: "
                        + String.join("; ", result.problems()));
            }
            log.info("Loaded {} {} from {}", result.rows(), what, file.getDescription());
        }
    }
}
