package org.cpis.lookup;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.cpis.organisations.CareSettingType;
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

    long insert(
            NhsNumber nhs,
            Instant at,
            String actorId,
            String actorName,
            String actorRole,
            OdsCode org,
            String orgName,
            CareSettingType type,
            boolean unscheduled,
            LookupRequest.Channel channel,
            String traceId) {
        return jdbc.sql("""
                        insert into lookup.access (nhs_number, accessed_at, actor_id, actor_name, actor_role, org_ods,
                                                   org_name, care_setting_type, unscheduled, channel, trace_id)
                        values (:nhs, :at, :actor, :name, :role, :org, :orgName, :type, :unscheduled, :channel, :trace)
                        returning id
                        """)
                .param("nhs", nhs.value())
                .param("at", Timestamp.from(at))
                .param("actor", actorId)
                .param("name", actorName)
                .param("role", actorRole)
                .param("org", org.value())
                .param("orgName", orgName)
                .param("type", type == null ? null : type.name())
                .param("unscheduled", unscheduled)
                .param("channel", channel.name())
                .param("trace", traceId)
                .query(Long.class)
                .single();
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
