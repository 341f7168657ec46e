package org.cpis.identity;

import org.cpis.shared.OdsCode;
import org.springframework.context.ApplicationContext;

/** Bench only: registers an API client through the identity module's own service (package-private). */
public final class BenchClients {

    private BenchClients() {}

    /** A health system client of {@code organisation}, with the demo clients' secret. */
    public static void registerHealthSystem(ApplicationContext hub, String clientId, OdsCode organisation) {
        hub.getBean(IdentityService.class)
                .registerClient(clientId, "Bench " + clientId, "demo-secret", Role.HEALTH_SYSTEM, organisation);
    }
}
