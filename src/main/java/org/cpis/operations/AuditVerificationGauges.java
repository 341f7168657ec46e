package org.cpis.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicReference;
import org.cpis.audit.AuditVerification;
import org.cpis.audit.AuditVerified;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The last audit-trail verification, as the audit module publishes it ({@link AuditVerified}): {@code cpis_audit_verification_ok} (1
 * when every entry matched, 0 when one did not, NaN before the first run since start) and
 * {@code cpis_audit_verification_last_seconds} (when it ran, seconds since the epoch), so an alert can fire on a
 * broken chain and on a verification that stopped running.
 */
@Component
class AuditVerificationGauges {

    private final AtomicReference<AuditVerification> last = new AtomicReference<>();

    AuditVerificationGauges(MeterRegistry registry) {
        Gauge.builder(
                        "cpis.audit.verification.ok",
                        last,
                        l -> l.get() == null ? Double.NaN : l.get().intact() ? 1 : 0)
                .description("1 when the last verification of the audit chain found every entry matching")
                .register(registry);
        Gauge.builder(
                        "cpis.audit.verification.last",
                        last,
                        l -> l.get() == null ? Double.NaN : l.get().verifiedAt().getEpochSecond())
                .description("When the audit chain was last verified, seconds since the epoch")
                .baseUnit("seconds")
                .register(registry);
    }

    @EventListener
    void verified(AuditVerified event) {
        last.set(event.verification());
    }
}
