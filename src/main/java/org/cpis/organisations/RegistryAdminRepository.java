package org.cpis.organisations;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.cpis.shared.OdsCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The administrator's and the LA data manager's reads and writes of single registry entries (issue 14). */
@Repository
class RegistryAdminRepository {

    private static final String COLUMNS = """
            ods_code, kind, name, care_setting_type, phone, emergency_duty_phone, office_hours_phone, duty_team_email,
            mash_email, active, contacts_confirmed_on""";
    private static final String MATCHING = " where (:text = '' or name ilike :pattern or ods_code = upper(:text))";

    private final JdbcClient jdbc;
    private final Clock clock;

    RegistryAdminRepository(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    RegistryEntry.Page page(String text, int page, int size) {
        String pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        long total = jdbc.sql("select count(*) from organisations.organisation" + MATCHING)
                .param("text", text)
                .param("pattern", pattern)
                .query(Long.class)
                .single();
        List<RegistryEntry> items = jdbc.sql("select " + COLUMNS + " from organisations.organisation" + MATCHING
                        + " order by kind desc, name, ods_code limit :limit offset :offset")
                .param("text", text)
                .param("pattern", pattern)
                .param("limit", size)
                .param("offset", (long) page * size)
                .query(RegistryAdminRepository::entry)
                .list();
        return new RegistryEntry.Page(items, total);
    }

    Optional<RegistryEntry> entry(OdsCode ods) {
        return jdbc.sql("select " + COLUMNS + " from organisations.organisation where ods_code = :ods")
                .param("ods", ods.value())
                .query(RegistryAdminRepository::entry)
                .optional();
    }

    boolean insert(RegistryEntry e) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return jdbc.sql("""
                        insert into organisations.organisation
                            (ods_code, kind, name, care_setting_type, phone, emergency_duty_phone, office_hours_phone,
                             duty_team_email, mash_email, created_at, updated_at)
                        values (:ods, :kind, :name, :type, :phone, :edt, :office, :duty, :mash, :now, :now)
                        on conflict (ods_code) do nothing
                        """)
                        .params(e.kind() == OrganisationKind.LOCAL_AUTHORITY ? laParams(e) : healthParams(e))
                        .param("ods", e.odsCode().value())
                        .param("kind", e.kind().name())
                        .param("name", e.name())
                        .param("now", now)
                        .update()
                == 1;
    }

    /** Changes the name and the details of the entry's own kind; the kind itself stays. */
    boolean update(RegistryEntry e) {
        return jdbc.sql("""
                        update organisations.organisation
                           set name = :name, care_setting_type = :type, phone = :phone, emergency_duty_phone = :edt,
                               office_hours_phone = :office, duty_team_email = :duty, mash_email = :mash,
                               updated_at = :now
                         where ods_code = :ods and kind = :kind
                        """)
                        .params(e.kind() == OrganisationKind.LOCAL_AUTHORITY ? laParams(e) : healthParams(e))
                        .param("ods", e.odsCode().value())
                        .param("kind", e.kind().name())
                        .param("name", e.name())
                        .param("now", OffsetDateTime.now(clock))
                        .update()
                == 1;
    }

    boolean setActive(OdsCode ods, boolean active) {
        return jdbc.sql("""
                        update organisations.organisation set active = :active, updated_at = :now
                         where ods_code = :ods and active <> :active and kind <> 'OPERATOR'
                        """)
                        .param("active", active)
                        .param("ods", ods.value())
                        .param("now", OffsetDateTime.now(clock))
                        .update()
                == 1;
    }

    boolean updateContacts(OdsCode la, String edt, String office, String duty, LocalDate confirmedOn) {
        return jdbc.sql("""
                        update organisations.organisation
                           set emergency_duty_phone = :edt, office_hours_phone = :office, duty_team_email = :duty,
                               contacts_confirmed_on = :confirmed, updated_at = :now
                         where ods_code = :ods and kind = 'LOCAL_AUTHORITY' and active
                        """)
                        .param("edt", edt)
                        .param("office", office)
                        .param("duty", duty)
                        .param("confirmed", Date.valueOf(confirmedOn))
                        .param("ods", la.value())
                        .param("now", OffsetDateTime.now(clock))
                        .update()
                == 1;
    }

    private static java.util.Map<String, Object> laParams(RegistryEntry e) {
        java.util.Map<String, Object> p = new java.util.HashMap<>();
        p.put("type", null);
        p.put("phone", null);
        p.put("edt", e.emergencyDutyPhone());
        p.put("office", e.officeHoursPhone());
        p.put("duty", e.dutyTeamEmail());
        p.put("mash", e.mashEmail());
        return p;
    }

    private static java.util.Map<String, Object> healthParams(RegistryEntry e) {
        java.util.Map<String, Object> p = new java.util.HashMap<>();
        p.put("type", e.careSettingType() == null ? null : e.careSettingType().name());
        p.put("phone", e.phone());
        p.put("edt", null);
        p.put("office", null);
        p.put("duty", null);
        p.put("mash", null);
        return p;
    }

    private static RegistryEntry entry(ResultSet rs, int row) throws SQLException {
        String type = rs.getString("care_setting_type");
        Date confirmed = rs.getDate("contacts_confirmed_on");
        return new RegistryEntry(
                new OdsCode(rs.getString("ods_code")),
                OrganisationKind.valueOf(rs.getString("kind")),
                rs.getString("name"),
                type == null ? null : CareSettingType.valueOf(type),
                rs.getString("phone"),
                rs.getString("emergency_duty_phone"),
                rs.getString("office_hours_phone"),
                rs.getString("duty_team_email"),
                rs.getString("mash_email"),
                rs.getBoolean("active"),
                confirmed == null ? null : confirmed.toLocalDate());
    }
}
