package org.cpis.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.firewall.RequestRejectedException;

/** Each hand-written check against the regular expression (or Spring Security default) it replaces. */
class RequestChecksTest {

    // The expressions in Spring Security 7.1's DefaultBearerTokenResolver and StrictHttpFirewall.
    private static final Pattern BEARER =
            Pattern.compile("^Bearer (?<token>[a-zA-Z0-9-._~+/]+=*)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern NAME = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    private static final Pattern HEADER_VALUE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Test
    void bearerCredentialsAsTheExpression() {
        List<String> headers = new ArrayList<>(List.of(
                "Bearer abc",
                "bearer abc.def-ghi_jkl~mno+pqr/stu==",
                "BEARER x=",
                "Bearer ",
                "Bearer",
                "Bearer  abc",
                "Bearer abc ",
                "Bearer abc=d",
                "Bearer =",
                "Bearer abc\n",
                "Bearerabc",
                "Basic abc",
                "Bearer ab%c",
                "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"));
        Random random = new Random(20261122);
        String alphabet = "Bearer aZ09-._~+/= \t\n%é\u0000";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder s = new StringBuilder(random.nextBoolean() ? "Bearer " : "");
            for (int n = random.nextInt(12); n > 0; n--) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            headers.add(s.toString());
        }
        for (String header : headers) {
            assertThat(RequestChecks.isBearerCredentials(header))
                    .as("%s", header)
                    .isEqualTo(BEARER.matcher(header).matches());
        }
    }

    @Test
    void resolvesTokensAndRefusesMalformedOnesAsSpringSecurityDoes() {
        DefaultBearerTokenResolver spring = new DefaultBearerTokenResolver();
        for (String header :
                new String[] {null, "Basic abc", "Bearer abc.def", "bearer xyz==", "Bearer a b", "Bearerx"}) {
            MockHttpServletRequest request = new MockHttpServletRequest("GET", "/fhir/R4/CareTeam");
            if (header != null) {
                request.addHeader("Authorization", header);
            }
            String expected;
            try {
                expected = spring.resolve(request);
            } catch (OAuth2AuthenticationException e) {
                assertThatThrownBy(() -> RequestChecks.bearerToken(request))
                        .isInstanceOf(OAuth2AuthenticationException.class)
                        .hasMessage(e.getMessage());
                continue;
            }
            assertThat(RequestChecks.bearerToken(request)).as("%s", header).isEqualTo(expected);
        }
    }

    @Test
    void namesAndValuesAsTheExpressionsOverEveryCodePoint() {
        StringBuilder all = new StringBuilder();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            String s = new String(Character.toChars(cp));
            assertThat(RequestChecks.isAssignedAndNotControl(s))
                    .as("U+%04X", cp)
                    .isEqualTo(NAME.matcher(s).matches());
            assertThat(RequestChecks.isHeaderValue(s))
                    .as("U+%04X", cp)
                    .isEqualTo(HEADER_VALUE.matcher(s).matches());
            if (cp < 0x3000) {
                all.append(s);
            }
        }
        // Lone surrogates, and strings mixing allowed and refused characters.
        for (String s :
                new String[] {"\uD800", "a\uDC00b", "Accept", "a\tb", "a\u0085b", "", "x\u0378", all.toString()}) {
            assertThat(RequestChecks.isAssignedAndNotControl(s))
                    .isEqualTo(NAME.matcher(s).matches());
            assertThat(RequestChecks.isHeaderValue(s))
                    .isEqualTo(HEADER_VALUE.matcher(s).matches());
        }
    }

    @Test
    void theFirewallStillRefusesControlCharactersInHeadersAndParameterNames() {
        var firewall = RequestChecks.firewall();
        MockHttpServletRequest header = new MockHttpServletRequest("GET", "/fhir/R4/metadata");
        header.addHeader("TraceID", "abc\u0007");
        assertThatThrownBy(() -> firewall.getFirewalledRequest(header).getHeader("TraceID"))
                .isInstanceOf(RequestRejectedException.class);
        MockHttpServletRequest tab = new MockHttpServletRequest("GET", "/fhir/R4/metadata");
        tab.addHeader("TraceID", "a\tb");
        assertThat(firewall.getFirewalledRequest(tab).getHeader("TraceID")).isEqualTo("a\tb");
        MockHttpServletRequest parameter = new MockHttpServletRequest("GET", "/fhir/R4/CareTeam");
        parameter.addParameter("a\u0000b", "x");
        assertThatThrownBy(() -> firewall.getFirewalledRequest(parameter).getParameterMap())
                .isInstanceOf(RequestRejectedException.class);
    }
}
