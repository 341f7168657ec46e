package org.cpis.identity;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Throttling, lock-out and how soon a change of an identity's status takes effect (docs/operations.md, "Limits").
 *
 * @param api requests per API client on /api and /fhir
 * @param pages requests per signed-in person on the pages
 * @param signIn attempts per username on the sign-in form and per client id on the token and revocation endpoints,
 *     right or wrong
 * @param lockout consecutive wrong passwords or secrets after which the person or client is locked out
 * @param statusCheck how long a person's or client's enabled status and a token's revocation are remembered: the
 *     longest a disabled identity or a revoked token goes on working on a node that did not make the change
 */
@ConfigurationProperties("cpis.security")
record SecurityProperties(
        Limit api,
        Limit pages,
        Limit signIn,
        @DefaultValue Lockout lockout,
        @DefaultValue("5s") Duration statusCheck) {

    /** Defaults: 300 a minute on the API and the pages, 10 sign-in attempts a minute. */
    SecurityProperties {
        api = api == null ? new Limit(300, null) : api;
        pages = pages == null ? new Limit(300, null) : pages;
        signIn = signIn == null ? new Limit(10, null) : signIn;
    }

    /** {@code requests} at once, refilled evenly over {@code per} (a minute unless set). */
    record Limit(int requests, Duration per) {
        Limit {
            per = per == null ? Duration.ofMinutes(1) : per;
        }
    }

    /**
     * @param failures consecutive failures that lock the person or client out
     * @param duration how long the lock-out lasts, unless an administrator unlocks it sooner
     */
    record Lockout(
            @DefaultValue("5") int failures,
            @DefaultValue("15m") Duration duration) {}
}
