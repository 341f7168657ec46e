package org.cpis.mesh;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.cpis.audit.Audit;
import org.cpis.audit.AuditEntry;
import org.cpis.identity.Actor;
import org.cpis.mesh.OutboundStore.Outbound;
import org.cpis.notifications.InactiveNumberNotice;
import org.cpis.notifications.InactiveNumberNotices;
import org.cpis.shared.EnglandDate;
import org.cpis.shared.NhsNumber;
import org.cpis.shared.OdsCode;
import org.cpis.shared.web.TraceIdFilter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An administrator marks an NHS number superseded or inactive (the hub has no link to PDS yet). Each LA holding a
 * visible record for it is told through its chosen channels: a notice in its pull API, posted to its webhook and
 * e-mailed to its duty mailbox (the notifications module), and for an LA with a MESH mailbox an Inactive NHS Number
 * Notification (REPC_MT000005GB01) with the notice's id. The mark, the notices, their deliveries, the MESH message and
 * the audit entry are one transaction.
 */
@Service
class InactiveNhsNumbers {

    enum Status {
        SUPERSEDED,
        INACTIVE
    }

    /**
     * @param told the LAs holding the number that were told now
     * @param toldByMesh those of them also sent the MESH notification
     * @param alreadyTold the LAs holding it whose latest notice already said the same, not told again
     */
    record Marked(List<OdsCode> told, List<OdsCode> toldByMesh, List<OdsCode> alreadyTold) {}

    /** One LA's records of the number. */
    private record Holder(List<String> localIds, List<String> planTypes) {}

    private final JdbcClient jdbc;
    private final OutboundStore outbound;
    private final MeshProperties properties;
    private final InactiveNumberNotices notices;
    private final Audit audit;
    private final Clock clock;

    InactiveNhsNumbers(
            JdbcClient jdbc,
            OutboundStore outbound,
            MeshProperties properties,
            InactiveNumberNotices notices,
            Audit audit,
            Clock clock) {
        this.jdbc = jdbc;
        this.outbound = outbound;
        this.properties = properties;
        this.notices = notices;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    Marked mark(Actor actor, NhsNumber number, Status status, NhsNumber replacement) {
        Instant now = Instant.now(clock);
        store(actor, number, status, replacement, now);
        Map<OdsCode, Holder> holders = holders(number);
        List<OdsCode> told = new ArrayList<>();
        List<OdsCode> byMesh = new ArrayList<>();
        List<OdsCode> already = new ArrayList<>();
        holders.forEach((la, holder) -> {
            Optional<UUID> notice = notices.tell(new InactiveNumberNotices.Mark(
                    la,
                    number,
                    InactiveNumberNotice.Status.valueOf(status.name()),
                    replacement,
                    holder.localIds(),
                    holder.planTypes(),
                    now));
            if (notice.isEmpty()) {
                already.add(la);
                return;
            }
            told.add(la);
            if (sendByMesh(notice.get(), la, holder, number, status, replacement, now)) {
                byMesh.add(la);
            }
        });
        audit.record(new AuditEntry(
                actor.id(),
                actor.role().name(),
                actor.organisation().value(),
                "MARK_NHS_NUMBER_" + status.name(),
                number,
                null,
                "OK",
                TraceIdFilter.current(),
                "holders=" + holders.size() + " told=" + told.size() + " told_by_mesh=" + byMesh.size()));
        return new Marked(told, byMesh, already);
    }

    private void store(Actor actor, NhsNumber number, Status status, NhsNumber replacement, Instant now) {
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
    }

    /**
     * The LAs holding a visible record for the number, in ODS order (the order every transaction takes LAs' feed locks
     * in), with their local ids and plan types, through the records module's function.
     */
    private Map<OdsCode, Holder> holders(NhsNumber number) {
        Map<OdsCode, List<String[]>> rows = jdbc
                .sql("select la_ods, local_id, plan_type from records.visible(:nhs, :day)")
                .param("nhs", number.value())
                .param("day", EnglandDate.today(clock))
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
                .list()
                .stream()
                .collect(Collectors.groupingBy(
                        r -> new OdsCode(r[0]),
                        () -> new TreeMap<>(Comparator.comparing(OdsCode::value)),
                        Collectors.toList()));
        Map<OdsCode, Holder> holders = new TreeMap<>(Comparator.comparing(OdsCode::value));
        rows.forEach((la, records) -> holders.put(la, new Holder(column(records, 1), column(records, 2))));
        return holders;
    }

    private static List<String> column(List<String[]> rows, int index) {
        return rows.stream()
                .map(r -> r[index])
                .filter(Objects::nonNull)
                .distinct()
                .toList();
    }

    /** Queues REPC_MT000005GB01 for an LA with a MESH mailbox, keyed by the notice's id like its other deliveries. */
    private boolean sendByMesh(
            UUID id, OdsCode la, Holder holder, NhsNumber number, Status status, NhsNumber replacement, Instant now) {
        MeshProperties.Partner partner = properties.enabled() ? properties.partnerOf(la) : null;
        if (partner == null) {
            return false;
        }
        byte[] body = Hl7Notifications.inactiveNhsNumber(
                id,
                la,
                new Hl7Notifications.InactiveNumber(
                        number.value(),
                        status.name(),
                        replacement == null ? null : replacement.value(),
                        holder.localIds()),
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
