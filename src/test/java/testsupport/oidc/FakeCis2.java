package testsupport.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * NHS CIS2 as the hub sees a user-restricted token's issuer: a real HTTP server publishing OpenID Connect discovery
 * ({@code /.well-known/openid-configuration}) and its signing keys ({@code /jwks}), and RS256-signed JWTs carrying
 * CIS2's claims ({@code sub} the user's UUID, {@code name}, {@code nhsid_nrbac_roles} with each role profile's
 * {@code person_roleid}, {@code org_code} and {@code role_code}, {@code selected_roleid}). The hub fetches the keys over
 * HTTP and verifies the signature as it would CIS2's.
 */
public final class FakeCis2 implements AutoCloseable {

    private final HttpServer server;
    private final RSAKey key;
    private final String issuer;

    private FakeCis2(HttpServer server, RSAKey key) {
        this.server = server;
        this.key = key;
        this.issuer =
                "http://127.0.0.1:" + server.getAddress().getPort() + "/openam/oauth2/realms/root/realms/NHSIdentity";
    }

    public static FakeCis2 start() {
        try {
            RSAKey key = new RSAKeyGenerator(2048)
                    .keyID(UUID.randomUUID().toString())
                    .generate();
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            FakeCis2 cis2 = new FakeCis2(server, key);
            String realm = "/openam/oauth2/realms/root/realms/NHSIdentity";
            server.createContext(
                    realm + "/.well-known/openid-configuration",
                    exchange -> json(exchange, """
                    {"issuer":"%s","jwks_uri":"%s/jwks","authorization_endpoint":"%s/authorize",
                     "token_endpoint":"%s/access_token","subject_types_supported":["public"],
                     "id_token_signing_alg_values_supported":["RS256"],"response_types_supported":["code"]}
                    """.formatted(cis2.issuer, cis2.issuer, cis2.issuer, cis2.issuer)));
            server.createContext(realm + "/jwks", exchange -> json(exchange, new JWKSet(key.toPublicJWK()).toString()));
            server.start();
            return cis2;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public String issuer() {
        return issuer;
    }

    /** A CIS2 role profile as {@code nhsid_nrbac_roles} lists it. */
    public static Map<String, Object> roleProfile(String roleId, String odsCode, String roleCode) {
        return Map.of("person_roleid", roleId, "org_code", odsCode, "role_code", roleCode, "role_name", "Clinical");
    }

    /** A signed access token for the user, valid for five minutes; {@code extra} adds or changes claims. */
    public String token(
            String uuid, String name, List<Map<String, Object>> roles, Consumer<JWTClaimsSet.Builder> extra) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(uuid)
                .audience("cpis-health-app")
                .claim("azp", "northfield-ed-app")
                .claim("name", name)
                .claim("nhsid_nrbac_roles", roles)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
        extra.accept(claims);
        return sign(claims.build(), key);
    }

    /** The same claims signed with a key CIS2 does not publish: a forgery. */
    public String forged(String uuid, String name, List<Map<String, Object>> roles) {
        try {
            RSAKey other = new RSAKeyGenerator(2048).keyID(key.getKeyID()).generate();
            Instant now = Instant.now();
            return sign(
                    new JWTClaimsSet.Builder()
                            .issuer(issuer)
                            .subject(uuid)
                            .claim("name", name)
                            .claim("nhsid_nrbac_roles", roles)
                            .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                            .build(),
                    other);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(JWTClaimsSet claims, RSAKey key) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .type(JOSEObjectType.JWT)
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void json(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
