package org.cpis.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/** The hub's header-value rule accepts and rejects exactly what Spring Security's own does. */
class HeaderValuesTest {

    private static final Predicate<String> FRAMEWORK = StrictHttpFirewall.ALLOWED_HEADER_VALUES;

    @Test
    void every_code_point_alone_between_ascii_and_at_the_end_of_a_token_is_judged_as_the_framework_judges_it() {
        String token = "Bearer " + "eyJhbGciOiJSUzI1NiJ9.".repeat(40);
        int rejected = 0;
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            String c = Character.toString(cp);
            // After a long token only for the Basic Multilingual Plane, to keep the test to seconds.
            String[] values =
                    cp <= 0xFFFF ? new String[] {c, "a" + c + "b", token + c} : new String[] {c, "a" + c + "b"};
            for (String value : values) {
                boolean expected = FRAMEWORK.test(value);
                assertThat(HeaderValues.allowed(value))
                        .as("U+%04X in %s", cp, value.length())
                        .isEqualTo(expected);
                rejected += expected ? 0 : 1;
            }
        }
        assertThat(rejected)
                .as("the framework rejects controls and unassigned characters")
                .isGreaterThan(3 * 65);
    }

    @Test
    void lone_surrogates_empty_values_and_random_strings_are_judged_as_the_framework_judges_them() {
        for (String value : new String[] {"", "\uD800", "a\uDC00", "\uDBFF\uDFFF", "\t", " ", "\u007f", "\u0085"}) {
            assertThat(HeaderValues.allowed(value)).as(value).isEqualTo(FRAMEWORK.test(value));
        }
        Random random = new Random(11);
        for (int i = 0; i < 200_000; i++) {
            char[] chars = new char[1 + random.nextInt(12)];
            for (int j = 0; j < chars.length; j++) {
                // Mostly ASCII, some Latin-1 and C1 controls, some anywhere in the BMP (surrogates included).
                chars[j] = (char)
                        switch (random.nextInt(4)) {
                            case 0, 1 -> random.nextInt(0x80);
                            case 2 -> random.nextInt(0x100);
                            default -> random.nextInt(0x10000);
                        };
            }
            String value = new String(chars);
            assertThat(HeaderValues.allowed(value))
                    .as("%s", value.chars().boxed().toList())
                    .isEqualTo(FRAMEWORK.test(value));
        }
    }

    @Test
    void the_hubs_firewall_refuses_a_control_character_in_a_header_and_lets_a_tab_through() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderValues(HeaderValues.ALLOWED);
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/fhir/R4/CareTeam");
        request.addHeader("TraceID", "abc\u0007");
        request.addHeader("X-Tab", "a\tb");
        request.addHeader("X-Accent", "caf\u00e9");
        request.addHeader("X-C1", "a\u0085");
        var firewalled = firewall.getFirewalledRequest(request);
        assertThatThrownBy(() -> firewalled.getHeader("TraceID")).isInstanceOf(RequestRejectedException.class);
        assertThatThrownBy(() -> firewalled.getHeader("X-C1")).isInstanceOf(RequestRejectedException.class);
        assertThat(firewalled.getHeader("X-Tab")).isEqualTo("a\tb");
        assertThat(firewalled.getHeader("X-Accent")).isEqualTo("caf\u00e9");
    }
}
