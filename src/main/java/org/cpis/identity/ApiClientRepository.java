package org.cpis.identity;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.cpis.shared.OdsCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ApiClientRepository {

    /** @param previousSecretHash after a rotation, the secret still accepted until previousSecretExpiresAt */
    record ApiClientRow(
            String clientId,
            String name,
            String secretHash,
            Role role,
            OdsCode organisation,
            boolean enabled,
            String previousSecretHash,
            java.time.Instant previousSecretExpiresAt) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    ApiClientRepository(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Optional<ApiClientRow> byClientId(String clientId) {
        return jdbc.sql("""
                select client_id, name, secret_hash, role, organisation_ods, enabled, previous_secret_hash,
                       previous_secret_expires_at
                  from identity.api_client where client_id = :id
                """)
                .param("id", clientId)
                .query((rs, n) -> new ApiClientRow(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        Role.valueOf(rs.getString(4)),
                        new OdsCode(rs.getString(5)),
                        rs.getBoolean(6),
                        rs.getString(7),
                        rs.getTimestamp(8) == null ? null : rs.getTimestamp(8).toInstant()))
                .optional();
    }

    boolean exists(String clientId) {
        return jdbc.sql("select count(*) from identity.api_client where client_id = :id")
                        .param("id", clientId)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    void insert(String clientId, String name, String secretHash, Role role, OdsCode organisation) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.sql("""
                insert into identity.api_client (client_id, name, secret_hash, role, organisation_ods, created_at, updated_at)
                values (:id, :name, :hash, :role, :ods, :now, :now)
                on conflict (client_id) do nothing
                """)
                .param("id", clientId)
                .param("name", name)
                .param("hash", secretHash)
                .param("role", role.name())
                .param("ods", organisation.value())
                .param("now", now)
                .update();
    }
}
