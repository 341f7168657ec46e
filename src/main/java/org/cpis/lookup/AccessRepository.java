package org.cpis.lookup;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import org.cpis.identity.Actor;
import org.cpis.organisations.CareSettingType;
import org.cpis.records.VisibleRecord;
import org.cpis.records.VisibleRecordsSql;
import org.cpis.shared.NhsNumber;
import org.cpis.shared.OdsCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AccessRepository {

    static final int RECENT = 25;

    private final JdbcClient jdbc;

    AccessRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What one lookup's statement found and the access it recorded (0 if it found nothing). */
    record Recorded(List<VisibleRecord> found, long accessId) {}

    /**
     * A lookup's one statement: the person's visible records, the access row if any was found, and the audit entry
     * either way (FOUND with the access id, or NOT_FOUND). Every visible record is read whatever date of birth the
     * caller gave: a date of birth that does not match is shown and recorded as such, never as "nothing found".
     */
    private static final String READ_AND_RECORD = """
            with found as (
                select * from %s v
            ), access as (
                insert into lookup.access (nhs_number, accessed_at, actor_id, actor_name, actor_role,
                                           org_ods, org_name, care_setting_type, unscheduled,
                                           channel, trace_id)
                select :nhs, :at, :actor, :name, :role, :org, :orgName, :type, :unscheduled,
                       :channel, :trace
                 where exists (select from found)
                returning id
            ), audited as (
                select audit.append(
                           :at, :actor, :role, :org, :action, :subject, null,
                           case when exists (select from found) then 'FOUND' else 'NOT_FOUND' end,
                           :trace,
                           case when exists (select from found)
                                then 'records=' || (select count(*) from found)
                                     || ' unscheduled=' || cast(:unscheduled as boolean)
                                     || ' access=' || (select id from access)
                                else 'unscheduled=' || cast(:unscheduled as boolean) end
                           || coalesce(' via=' || cast(:via as varchar), ''))
            )
            select f.*, (select id from access) as access_id
              from audited left join found f on true
             order by %s
            """.formatted(VisibleRecordsSql.FROM, VisibleRecordsSql.ORDER);

    /**
     * The whole of a lookup's database work in one statement ({@link #READ_AND_RECORD}), so in one transaction and one
     * round trip even without an explicit transaction.
     */
    Recorded readAndRecord(
            NhsNumber nhs,
            LocalDate today,
            Instant at,
            Actor actor,
            CareSettingType type,
            boolean unscheduled,
            LookupRequest.Channel channel,
            String traceId,
            String subjectHash) {
        long[] accessId = {0};
        List<VisibleRecord> found = VisibleRecordsSql.bind(jdbc.sql(READ_AND_RECORD), nhs, today)
                .param("nhs", nhs.value())
                .param("at", Timestamp.from(at))
                .param("actor", actor.id())
                .param("name", actor.displayName())
                .param("role", actor.role().name())
                .param("org", actor.organisation().value())
                .param("orgName", actor.organisationName())
                .param("type", type == null ? null : type.name())
                .param("unscheduled", unscheduled)
                .param("channel", channel.name())
                .param("trace", traceId)
                .param("via", actor.via())
                .param("action", "LOOKUP_" + channel.name())
                .param("subject", subjectHash)
                .query((rs, n) -> {
                    accessId[0] = rs.getLong("access_id");
                    return VisibleRecordsSql.map(rs, nhs, today);
                })
                .list();
        return new Recorded(found.stream().filter(r -> r != null).toList(), accessId[0]);
    }

    List<Access> recentUnscheduled(NhsNumber nhs) {
        return jdbc.sql("""
                        select id, accessed_at, actor_name, actor_role, org_ods, org_name, care_setting_type, unscheduled
                          from lookup.access
                         where nhs_number = :nhs and unscheduled
                         order by accessed_at desc, id desc
                         limit :limit
                        """)
                .param("nhs", nhs.value())
                .param("limit", RECENT)
                .query((rs, n) -> {
                    String type = rs.getString("care_setting_type");
                    return new Access(
                            rs.getLong("id"),
                            rs.getTimestamp("accessed_at").toInstant(),
                            rs.getString("actor_name"),
                            rs.getString("actor_role"),
                            new OdsCode(rs.getString("org_ods")),
                            rs.getString("org_name"),
                            type == null ? null : CareSettingType.valueOf(type),
                            rs.getBoolean("unscheduled"));
                })
                .list();
    }

    int deleteFor(Collection<String> nhsNumbers) {
        if (nhsNumbers.isEmpty()) {
            return 0;
        }
        return jdbc.sql("delete from lookup.access where nhs_number = any(:n::char(10)[])")
                .param("n", nhsNumbers.toArray(String[]::new))
                .update();
    }
}
