package org.cpis.identity;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.cpis.shared.OdsCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class PersonRepository {

    record PersonRow(
            String username,
            String displayName,
            String passwordHash,
            Role role,
            OdsCode organisation,
            boolean enabled) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    PersonRepository(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Optional<PersonRow> byUsername(String username) {
        return jdbc.sql("""
                select username, display_name, password_hash, role, organisation_ods, enabled
                  from identity.person where username = :username
                """)
                .param("username", username)
                .query((rs, n) -> new PersonRow(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        Role.valueOf(rs.getString(4)),
                        new OdsCode(rs.getString(5)),
                        rs.getBoolean(6)))
                .optional();
    }

    Optional<PersonRow> byOidcSubject(String issuer, String subject) {
        return jdbc.sql("""
                select username, display_name, password_hash, role, organisation_ods, enabled
                  from identity.person where oidc_issuer = :issuer and oidc_subject = :subject
                """)
                .param("issuer", issuer)
                .param("subject", subject)
                .query((rs, n) -> new PersonRow(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        Role.valueOf(rs.getString(4)),
                        new OdsCode(rs.getString(5)),
                        rs.getBoolean(6)))
                .optional();
    }

    /** Inserts the person unless the username is taken; returns whether it was inserted. */
    boolean insertIfAbsent(
            String username,
            String displayName,
            String passwordHash,
            Role role,
            OdsCode organisation,
            String oidcIssuer,
            String oidcSubject,
            String email) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return jdbc.sql("""
                        insert into identity.person (id, username, display_name, password_hash, role, organisation_ods,
                                                     oidc_issuer, oidc_subject, email, created_at, updated_at)
                        values (:id, :username, :name, :hash, :role, :ods, :issuer, :subject, :email, :now, :now)
                        on conflict (username) do nothing
                        """)
                        .param("id", UUID.randomUUID())
                        .param("username", username)
                        .param("name", displayName)
                        .param("hash", passwordHash)
                        .param("role", role.name())
                        .param("ods", organisation.value())
                        .param("issuer", oidcIssuer)
                        .param("subject", oidcSubject)
                        .param("email", email == null ? null : email.toLowerCase())
                        .param("now", now)
                        .update()
                == 1;
    }

    Optional<String> email(String username) {
        return jdbc.sql("select email from identity.person where username = :u and email is not null")
                .param("u", username)
                .query(String.class)
                .optional();
    }

    boolean exists(String username) {
        return jdbc.sql("select count(*) from identity.person where username = :u")
                        .param("u", username)
                        .query(Integer.class)
                        .single()
                > 0;
    }
}
