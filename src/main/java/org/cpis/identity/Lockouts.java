package org.cpis.identity;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.cpis.audit.Audit;
import org.cpis.audit.AuditEntry;
import org.cpis.shared.web.TraceIdFilter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lock-out after repeated wrong passwords or client secrets: after {@code cpis.security.lockout.failures} in a row the
 * person or client cannot sign in or get a token, whatever it sends, for {@code cpis.security.lockout.duration} or
 * until an administrator unlocks it. Kept in the database, so every node agrees; each lock-out and unlock is audited.
 */
@Service
class Lockouts {

    enum Kind {
        PERSON,
        CLIENT
    }

    record Locked(Kind kind, String identityId, Instant until) {}

    private final JdbcClient jdbc;
    private final Audit audit;
    private final Clock clock;
    private final SecurityProperties.Lockout settings;

    Lockouts(JdbcClient jdbc, Audit audit, Clock clock, SecurityProperties properties) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.settings = properties.lockout();
    }

    @Transactional(readOnly = true)
    public boolean locked(Kind kind, String identityId) {
        return jdbc.sql("""
                        select count(*) from identity.lockout
                         where kind = :kind and identity_id = :id and locked_until > :now
                        """)
                        .param("kind", kind.name())
                        .param("id", identityId)
                        .param("now", now())
                        .query(Integer.class)
                        .single()
                > 0;
    }

    /** Counts a wrong password or secret for a known identity; locks it out at the limit (audited). */
    @Transactional
    public void failed(Kind kind, String identityId, String role, String organisation) {
        Integer failures = jdbc.sql("""
                        insert into identity.lockout (kind, identity_id, failures) values (:kind, :id, 1)
                        on conflict (kind, identity_id) do update set failures = lockout.failures + 1
                        returning failures
                        """)
                .param("kind", kind.name())
                .param("id", identityId)
                .query(Integer.class)
                .single();
        if (failures < settings.failures()) {
            return;
        }
        OffsetDateTime until = now().plus(settings.duration());
        jdbc.sql(
                        "update identity.lockout set failures = 0, locked_until = :until where kind = :kind and identity_id = :id")
                .param("until", until)
                .param("kind", kind.name())
                .param("id", identityId)
                .update();
        audit.record(new AuditEntry(
                identityId,
                role,
                organisation,
                "SIGN_IN_LOCKED",
                null,
                kind.name().toLowerCase() + ":" + identityId,
                "LOCKED",
                TraceIdFilter.current(),
                "failures=" + failures + " until=" + until.toInstant()));
    }

    @Transactional
    public void succeeded(Kind kind, String identityId) {
        jdbc.sql("""
                delete from identity.lockout
                 where kind = :kind and identity_id = :id and (locked_until is null or locked_until <= :now)
                """)
                .param("kind", kind.name())
                .param("id", identityId)
                .param("now", now())
                .update();
    }

    /** An administrator's unlock, audited; returns false if the identity was not locked out. */
    @Transactional
    public boolean unlock(Kind kind, String identityId, Actor administrator) {
        boolean wasLocked = jdbc.sql(
                                "delete from identity.lockout where kind = :kind and identity_id = :id and locked_until > :now")
                        .param("kind", kind.name())
                        .param("id", identityId)
                        .param("now", now())
                        .update()
                > 0;
        if (wasLocked) {
            audit.record(new AuditEntry(
                    administrator.id(),
                    administrator.role().name(),
                    administrator.organisation().value(),
                    "SIGN_IN_UNLOCKED",
                    null,
                    kind.name().toLowerCase() + ":" + identityId,
                    "UNLOCKED",
                    TraceIdFilter.current(),
                    null));
        }
        return wasLocked;
    }

    @Transactional(readOnly = true)
    public List<Locked> lockedNow() {
        return jdbc.sql("""
                        select kind, identity_id, locked_until from identity.lockout
                         where locked_until > :now order by kind, identity_id limit 500
                        """)
                .param("now", now())
                .query((rs, n) -> new Locked(
                        Kind.valueOf(rs.getString(1)),
                        rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class).toInstant()))
                .list();
    }

    Optional<Kind> kind(String value) {
        try {
            return Optional.of(Kind.valueOf(value));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
