package org.cpis.organisations;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.cpis.shared.OdsCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class OrganisationRepository {

    private final JdbcClient jdbc;
    private final Clock clock;

    OrganisationRepository(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Optional<Organisation> find(OdsCode odsCode) {
        return jdbc.sql("""
                select ods_code, kind, name, care_setting_type
                  from organisations.organisation
                 where ods_code = :ods and active
                """)
                .param("ods", odsCode.value())
                .query(OrganisationRepository::organisation)
                .optional();
    }

    Optional<LocalAuthority> localAuthority(OdsCode odsCode) {
        return jdbc.sql("""
                select ods_code, name, emergency_duty_phone, office_hours_phone, duty_team_email, mash_email
                  from organisations.organisation
                 where ods_code = :ods and kind = 'LOCAL_AUTHORITY' and active
                """)
                .param("ods", odsCode.value())
                .query(OrganisationRepository::localAuthority)
                .optional();
    }

    List<LocalAuthority> localAuthorities() {
        return jdbc.sql("""
                select ods_code, name, emergency_duty_phone, office_hours_phone, duty_team_email, mash_email
                  from organisations.organisation
                 where kind = 'LOCAL_AUTHORITY' and active
                 order by name
                """).query(OrganisationRepository::localAuthority).list();
    }

    List<Organisation> search(String text, int limit) {
        return jdbc.sql("""
                select ods_code, kind, name, care_setting_type
                  from organisations.organisation
                 where active and (name ilike :pattern or ods_code = upper(:text))
                 order by kind, name
                 limit :limit
                """)
                .param("pattern", "%" + escapeLike(text) + "%")
                .param("text", text)
                .param("limit", limit)
                .query(OrganisationRepository::organisation)
                .list();
    }

    void upsertLocalAuthority(LocalAuthority la) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.sql("""
                insert into organisations.organisation
                    (ods_code, kind, name, emergency_duty_phone, office_hours_phone, duty_team_email, mash_email,
                     created_at, updated_at)
                values (:ods, 'LOCAL_AUTHORITY', :name, :edt, :office, :duty, :mash, :now, :now)
                on conflict (ods_code) do update set
                    kind = excluded.kind, name = excluded.name, care_setting_type = null,
                    -- Once the LA's data manager has confirmed its own numbers and mailbox, the file no longer
                    -- overwrites them (docs/decisions.md, Administration).
                    emergency_duty_phone = case when organisation.contacts_confirmed_on is null
                        then excluded.emergency_duty_phone else organisation.emergency_duty_phone end,
                    office_hours_phone = case when organisation.contacts_confirmed_on is null
                        then excluded.office_hours_phone else organisation.office_hours_phone end,
                    duty_team_email = case when organisation.contacts_confirmed_on is null
                        then excluded.duty_team_email else organisation.duty_team_email end,
                    mash_email = excluded.mash_email,
                    active = true, updated_at = excluded.updated_at
                """)
                .param("ods", la.odsCode().value())
                .param("name", la.name())
                .param("edt", la.emergencyDutyPhone())
                .param("office", la.officeHoursPhone())
                .param("duty", la.dutyTeamEmail())
                .param("mash", la.mashEmail())
                .param("now", now)
                .update();
    }

    void upsertCareSetting(CareSetting setting) {
        upsert(setting.odsCode(), OrganisationKind.HEALTH, setting.name(), setting.type());
        jdbc.sql("update organisations.organisation set phone = :phone where ods_code = :ods")
                .param("phone", setting.phone())
                .param("ods", setting.odsCode().value())
                .update();
    }

    Optional<String> phone(OdsCode odsCode) {
        return jdbc.sql("select phone from organisations.organisation where ods_code = :ods and phone is not null")
                .param("ods", odsCode.value())
                .query(String.class)
                .optional();
    }

    void upsert(OdsCode odsCode, OrganisationKind kind, String name, CareSettingType type) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.sql("""
                insert into organisations.organisation (ods_code, kind, name, care_setting_type, created_at, updated_at)
                values (:ods, :kind, :name, :type, :now, :now)
                on conflict (ods_code) do update set
                    kind = excluded.kind, name = excluded.name, care_setting_type = excluded.care_setting_type,
                    emergency_duty_phone = null, office_hours_phone = null, duty_team_email = null, mash_email = null,
                    active = true, updated_at = excluded.updated_at
                """)
                .param("ods", odsCode.value())
                .param("kind", kind.name())
                .param("name", name)
                .param("type", type == null ? null : type.name())
                .param("now", now)
                .update();
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static Organisation organisation(ResultSet rs, int row) throws SQLException {
        String type = rs.getString("care_setting_type");
        return new Organisation(
                new OdsCode(rs.getString("ods_code")),
                OrganisationKind.valueOf(rs.getString("kind")),
                rs.getString("name"),
                type == null ? null : CareSettingType.valueOf(type));
    }

    private static LocalAuthority localAuthority(ResultSet rs, int row) throws SQLException {
        return new LocalAuthority(
                new OdsCode(rs.getString("ods_code")),
                rs.getString("name"),
                rs.getString("emergency_duty_phone"),
                rs.getString("office_hours_phone"),
                rs.getString("duty_team_email"),
                rs.getString("mash_email"));
    }
}
