package org.cpis.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.cpis.identity.IdentityAdministration.ApiClientSummary;
import org.cpis.identity.IdentityAdministration.PersonChange;
import org.cpis.identity.IdentityAdministration.PersonPage;
import org.cpis.identity.IdentityAdministration.PersonSummary;
import org.cpis.shared.OdsCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The administrator's reads and writes of people and API clients. */
@Repository
class AdministrationRepository {

    private static final String PERSON = """
            select username, display_name, email, role, organisation_ods, enabled, oidc_issuer, oidc_subject,
                   last_signed_in_at from identity.person""";
    private static final String MATCHING =
            " where (:text = '' or username ilike :pattern or display_name ilike :pattern"
                    + " or email ilike :pattern or organisation_ods = upper(:text))";
    private static final String CLIENT = """
            select client_id, name, role, organisation_ods, enabled, created_at, secret_rotated_at,
                   previous_secret_expires_at, revoked_at from identity.api_client""";

    private final JdbcClient jdbc;
    private final Clock clock;

    AdministrationRepository(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    PersonPage people(String text, int page, int size) {
        String pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        long total = jdbc.sql("select count(*) from identity.person" + MATCHING)
                .param("text", text)
                .param("pattern", pattern)
                .query(Long.class)
                .single();
        List<PersonSummary> items = jdbc.sql(PERSON + MATCHING + " order by display_name, username limit :l offset :o")
                .param("text", text)
                .param("pattern", pattern)
                .param("l", size)
                .param("o", (long) page * size)
                .query(AdministrationRepository::person)
                .list();
        return new PersonPage(items, total);
    }

    Optional<PersonSummary> person(String username) {
        return jdbc.sql(PERSON + " where username = :u")
                .param("u", username)
                .query(AdministrationRepository::person)
                .optional();
    }

    boolean oidcTaken(String issuer, String subject, String exceptUsername) {
        return jdbc.sql("""
                        select count(*) from identity.person
                         where oidc_issuer = :i and oidc_subject = :s and username <> :u
                        """)
                        .param("i", issuer)
                        .param("s", subject)
                        .param("u", exceptUsername)
                        .query(Long.class)
                        .single()
                > 0;
    }

    boolean changePerson(String username, PersonChange c) {
        return jdbc.sql("""
                        update identity.person
                           set display_name = :name, email = :email, role = :role, organisation_ods = :ods,
                               enabled = :enabled, oidc_issuer = :issuer, oidc_subject = :subject, updated_at = :now
                         where username = :u
                        """)
                        .param("name", c.displayName())
                        .param("email", c.email() == null ? null : c.email().toLowerCase())
                        .param("role", c.role().name())
                        .param("ods", c.organisation().value())
                        .param("enabled", c.enabled())
                        .param("issuer", c.oidcIssuer())
                        .param("subject", c.oidcSubject())
                        .param("now", OffsetDateTime.now(clock))
                        .param("u", username)
                        .update()
                == 1;
    }

    void signedIn(String username, Instant at) {
        jdbc.sql("update identity.person set last_signed_in_at = :at where username = :u")
                .param("at", Timestamp.from(at))
                .param("u", username)
                .update();
    }

    List<ApiClientSummary> clients() {
        return jdbc.sql(CLIENT + " order by name, client_id")
                .query(AdministrationRepository::client)
                .list();
    }

    Optional<ApiClientSummary> client(String clientId) {
        return jdbc.sql(CLIENT + " where client_id = :id")
                .param("id", clientId)
                .query(AdministrationRepository::client)
                .optional();
    }

    /** The current hash becomes the previous one, kept until {@code previousUntil}. */
    boolean rotate(String clientId, String newHash, Instant previousUntil) {
        return jdbc.sql("""
                        update identity.api_client
                           set previous_secret_hash = secret_hash, previous_secret_expires_at = :until,
                               secret_hash = :hash, secret_rotated_at = :now, updated_at = :now
                         where client_id = :id and enabled
                        """)
                        .param("until", Timestamp.from(previousUntil))
                        .param("hash", newHash)
                        .param("now", OffsetDateTime.now(clock))
                        .param("id", clientId)
                        .update()
                == 1;
    }

    boolean revoke(String clientId) {
        return jdbc.sql("""
                        update identity.api_client
                           set enabled = false, revoked_at = :now, updated_at = :now,
                               previous_secret_hash = null, previous_secret_expires_at = null
                         where client_id = :id and enabled
                        """)
                        .param("now", OffsetDateTime.now(clock))
                        .param("id", clientId)
                        .update()
                == 1;
    }

    /** Clients an administrator has revoked; their tokens are refused. */
    boolean revoked(String clientId) {
        return jdbc.sql("select count(*) from identity.api_client where client_id = :id and not enabled")
                        .param("id", clientId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    private static PersonSummary person(ResultSet rs, int n) throws SQLException {
        Timestamp last = rs.getTimestamp("last_signed_in_at");
        return new PersonSummary(
                rs.getString("username"),
                rs.getString("display_name"),
                rs.getString("email"),
                Role.valueOf(rs.getString("role")),
                new OdsCode(rs.getString("organisation_ods")),
                rs.getBoolean("enabled"),
                rs.getString("oidc_issuer"),
                rs.getString("oidc_subject"),
                last == null ? null : last.toInstant());
    }

    private static ApiClientSummary client(ResultSet rs, int n) throws SQLException {
        return new ApiClientSummary(
                rs.getString("client_id"),
                rs.getString("name"),
                Role.valueOf(rs.getString("role")),
                new OdsCode(rs.getString("organisation_ods")),
                rs.getBoolean("enabled"),
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("secret_rotated_at")),
                instant(rs.getTimestamp("previous_secret_expires_at")),
                instant(rs.getTimestamp("revoked_at")));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
