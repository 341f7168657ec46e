package org.cpis.mesh;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.cpis.audit.Audit;
import org.cpis.audit.AuditEntry;
import org.cpis.identity.Actor;
import org.cpis.mesh.OutboundStore.Outbound;
import org.cpis.shared.EnglandDate;
import org.cpis.shared.NhsNumber;
import org.cpis.shared.OdsCode;
import org.cpis.shared.web.TraceIdFilter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An administrator marks an NHS number superseded or inactive (the hub has no link to PDS yet). Each LA holding a
 * visible record for it is told: those with a MESH mailbox by an Inactive NHS Number Notification (REPC_MT000005GB01),
 * queued in the same transaction as the mark and its audit entry.
 */
@Service
class InactiveNhsNumbers {

    enum Status {
        SUPERSEDED,
        INACTIVE
    }

    /** @param told the LAs holding the number that were sent the notification; {@code notTold} those without MESH */
    record Marked(List<OdsCode> told, List<OdsCode> notTold) {}

    private final JdbcClient jdbc;
    private final OutboundStore outbound;
    private final MeshProperties properties;
    private final Audit audit;
    private final Clock clock;

    InactiveNhsNumbers(JdbcClient jdbc, OutboundStore outbound, MeshProperties properties, Audit audit, Clock clock) {
        this.jdbc = jdbc;
        this.outbound = outbound;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    Marked mark(Actor actor, NhsNumber number, Status status, NhsNumber replacement) {
        Instant now = Instant.now(clock);
        jdbc.sql("""
                insert into mesh.inactive_nhs_number (nhs_number, status, new_nhs_number, marked_by, marked_at)
                values (:nhs, :status, :new, :by, :at)
                on conflict (nhs_number) do update set status = excluded.status, new_nhs_number = excluded.new_nhs_number,
                                                      marked_by = excluded.marked_by, marked_at = excluded.marked_at
                """)
                .param("nhs", number.value())
                .param("status", status.name())
                .param("new", replacement == null ? null : replacement.value())
                .param("by", actor.id())
                .param("at", Timestamp.from(now))
                .update();
        Map<OdsCode, List<String>> holders = holders(number);
        List<OdsCode> told = holders.entrySet().stream()
                .filter(e -> tell(e.getKey(), e.getValue(), number, status, replacement, now))
                .map(Map.Entry::getKey)
                .toList();
        List<OdsCode> notTold =
                holders.keySet().stream().filter(la -> !told.contains(la)).toList();
        audit.record(new AuditEntry(
                actor.id(),
                actor.role().name(),
                actor.organisation().value(),
                "MARK_NHS_NUMBER_" + status.name(),
                number,
                null,
                "OK",
                TraceIdFilter.current(),
                "holders=" + holders.size() + " told_by_mesh=" + told.size()));
        return new Marked(told, notTold);
    }

    /** The LAs holding a visible record for the number, with their local ids, through the records module's function. */
    private Map<OdsCode, List<String>> holders(NhsNumber number) {
        return jdbc
                .sql("select la_ods, local_id from records.visible(:nhs, :day)")
                .param("nhs", number.value())
                .param("day", EnglandDate.today(clock))
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                .list()
                .stream()
                .collect(Collectors.groupingBy(
                        r -> new OdsCode(r[0]),
                        () -> new TreeMap<>(java.util.Comparator.comparing(OdsCode::value)),
                        Collectors.mapping(r -> r[1], Collectors.filtering(Objects::nonNull, Collectors.toList()))));
    }

    private boolean tell(
            OdsCode la, List<String> localIds, NhsNumber number, Status status, NhsNumber replacement, Instant now) {
        MeshProperties.Partner partner = properties.enabled() ? properties.partnerOf(la) : null;
        if (partner == null) {
            return false;
        }
        UUID id = UUID.randomUUID();
        byte[] body = Hl7Notifications.inactiveNhsNumber(
                id,
                la,
                new Hl7Notifications.InactiveNumber(
                        number.value(),
                        status.name(),
                        replacement == null ? null : replacement.value(),
                        localIds.stream().distinct().toList()),
                now);
        outbound.queue(
                new Outbound(
                        "inn-" + id,
                        Hl7Notifications.INACTIVE_KIND,
                        la,
                        partner.mailbox(),
                        properties.workflows().inactiveNotification(),
                        Hl7Notifications.INACTIVE_KIND + "_" + id + ".xml",
                        body),
                now,
                now.plus(properties.sendRetryFor()));
        return true;
    }
}
