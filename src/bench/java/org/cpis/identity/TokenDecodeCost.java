package org.cpis.identity;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import java.lang.management.ManagementFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * CPU of Spring Security's per-request checks of a FHIR read, on one thread after JIT warm-up, measured with
 * ThreadMXBean so that other processes on a shared machine do not count (docs/decisions.md, Identity). Run: {@code
 * ./mvnw -q -Pbench test-compile exec:java -Dexec.mainClass=org.cpis.identity.TokenDecodeCost -Dexec.classpathScope=test}.
 */
final class TokenDecodeCost {

    private static final int ROUNDS = 7;
    private static final int PER_ROUND = 20_000;

    private static volatile Object sink;

    public static void main(String[] args) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        String token = hubToken(keys);
        JwtDecoder decoder = TokenConfiguration.hubTokens((RSAPublicKey) keys.getPublic(), Clock.systemUTC());
        JwtDecoder remembered = new VerifiedTokens(decoder, Clock.systemUTC());

        MockHttpServletRequest request = fhirRead(token);
        DefaultBearerTokenResolver resolver = new DefaultBearerTokenResolver();
        StrictHttpFirewall firewall = new StrictHttpFirewall();

        System.out.printf(
                Locale.ROOT,
                "token of %d characters, RS256, 2048-bit key; %s, %s%n",
                token.length(),
                System.getProperty("java.vm.name"),
                System.getProperty("java.version"));
        measure("the hub's JwtDecoder: RS256 signature, claims, default validators", () -> decoder.decode(token));
        measure("VerifiedTokens (Caffeine), a token already verified", () -> remembered.decode(token));
        measure("DefaultBearerTokenResolver.resolve", () -> resolver.resolve(request));
        measure("StrictHttpFirewall, a FHIR search's headers and parameters", () -> readAll(firewall, request));
    }

    private static void measure(String what, Supplier<Object> operation) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        for (int i = 0; i < 2 * PER_ROUND; i++) {
            sink = operation.get(); // JIT warm-up
        }
        double[] cpuNanos = new double[ROUNDS];
        double[] bytes = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            long cpu = threads.getCurrentThreadCpuTime();
            long allocated = threads.getThreadAllocatedBytes(id);
            for (int i = 0; i < PER_ROUND; i++) {
                sink = operation.get();
            }
            cpuNanos[r] = (threads.getCurrentThreadCpuTime() - cpu) / (double) PER_ROUND;
            bytes[r] = (threads.getThreadAllocatedBytes(id) - allocated) / (double) PER_ROUND;
        }
        Arrays.sort(cpuNanos);
        Arrays.sort(bytes);
        System.out.printf(
                Locale.ROOT,
                "%-62s median %8.2f µs CPU (min %.2f, max %.2f), %6.0f bytes allocated%n",
                what,
                cpuNanos[ROUNDS / 2] / 1e3,
                cpuNanos[0] / 1e3,
                cpuNanos[ROUNDS - 1] / 1e3,
                bytes[ROUNDS / 2]);
    }

    /** A token as the hub's authorization server issues it for a client-credentials grant. */
    private static String hubToken(KeyPair keys) {
        RSAKey key = new RSAKey.Builder((RSAPublicKey) keys.getPublic())
                .privateKey(keys.getPrivate())
                .keyID("9c4a1f52-3f6e-3a7e-8d0a-5b1f0c2d7e91")
                .build();
        NimbusJwtEncoder encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer("http://localhost:8080")
                .subject("northfield-ed-system")
                .audience(List.of("northfield-ed-system"))
                .notBefore(now)
                .issuedAt(now)
                .expiresAt(now.plusSeconds(900))
                .id("b6f0a0de-7f8a-4a39-9d0e-3f2a4c1b5e6d")
                .claim("cpis_role", "HEALTH_SYSTEM")
                .claim("cpis_org", "RXX01")
                .claim("cpis_name", "Northfield Hospital ED system")
                .build();
        return encoder.encode(JwtEncoderParameters.from(claims)).getTokenValue();
    }

    /** The headers a FHIR client sends with a CareTeam search. */
    private static MockHttpServletRequest fhirRead(String token) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/fhir/R4/CareTeam");
        request.addHeader("Host", "localhost:8080");
        request.addHeader("Accept", "application/fhir+json");
        request.addHeader("Authorization", "Bearer " + token);
        request.addHeader("NHSD-Target-Identifier", "X24");
        request.addHeader("IsUnscheduledAccessEvent", "false");
        request.addHeader("TraceID", "3f2a4c1b-5e6d-4a39-9d0e-b6f0a0de7f8a");
        request.addHeader("User-Agent", "ed-system/1.0");
        request.addParameter("patient:identifier", "https://fhir.nhs.uk/Id/nhs-number|9434765919");
        return request;
    }

    private static Object readAll(StrictHttpFirewall firewall, MockHttpServletRequest request) {
        var firewalled = firewall.getFirewalledRequest(request);
        int n = 0;
        for (var names = firewalled.getHeaderNames(); names.hasMoreElements(); ) {
            n += firewalled.getHeader(names.nextElement()).length();
        }
        n += firewalled.getParameterMap().size();
        return n;
    }
}
