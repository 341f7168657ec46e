package org.cpis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Modules talk only through each other's root package, and never in a cycle. */
class ModularityTest {

    private final ApplicationModules modules = ApplicationModules.of(CpisApplication.class);

    @Test
    void module_boundaries_hold() {
        modules.verify();
    }

    @Test
    void the_expected_modules_exist() {
        assertThat(modules.stream().map(m -> m.getIdentifier().toString()))
                .contains("shared", "organisations", "identity");
    }
}
