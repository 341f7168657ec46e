package org.cpis.identity;

import java.util.function.Predicate;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * {@link StrictHttpFirewall}'s own rule for header values ({@link StrictHttpFirewall#ALLOWED_HEADER_VALUES}: assigned
 * characters that are not controls, or a tab), given to the firewall through its own setter. A value of printable
 * ASCII and tabs, which every header a client sends here is, passes that rule by definition and is accepted after one
 * pass over its characters; anything else goes to the framework's predicate itself. So the accepted set is exactly
 * the framework's ({@code HeaderValuesTest} checks every character), without running its regular expression over the
 * 800-character bearer token on each {@code getHeader} (docs/decisions.md, "Issue 11: the firewall's header check").
 */
final class HeaderValues {

    static final Predicate<String> ALLOWED = HeaderValues::allowed;

    private HeaderValues() {}

    static boolean allowed(String value) {
        return (value != null && printableAsciiOrTab(value)) || StrictHttpFirewall.ALLOWED_HEADER_VALUES.test(value);
    }

    private static boolean printableAsciiOrTab(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 || c > 0x7e) && c != '\t') {
                return false;
            }
        }
        return true;
    }
}
