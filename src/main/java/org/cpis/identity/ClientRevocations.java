package org.cpis.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Whether an API client has been revoked, asked for every bearer-token request. Kept for five seconds per client so
 * that the API does not read the database on each call: a revocation applies at once on the node that made it and
 * within five seconds on the others, to tokens already issued as well as new ones.
 */
@Component
class ClientRevocations {

    static final Duration KEEP = Duration.ofSeconds(5);

    private final AdministrationRepository repository;
    private final Cache<String, Boolean> revoked =
            Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(KEEP).build();

    ClientRevocations(AdministrationRepository repository) {
        this.repository = repository;
    }

    boolean revoked(String clientId) {
        return clientId != null && revoked.get(clientId, repository::revoked);
    }

    void forget(String clientId) {
        revoked.invalidate(clientId);
    }
}
