package org.cpis.identity;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's checks on every request, with the same rules as its defaults but written as loops instead of
 * regular expressions: on a health lookup the regular expressions of {@code DefaultBearerTokenResolver} and
 * {@code StrictHttpFirewall} cost about 6% of the request thread's CPU (docs/benchmarks.md). RequestChecksTest holds
 * each one to the regular expression it replaces.
 */
final class RequestChecks {

    private RequestChecks() {}

    /** {@code DefaultBearerTokenResolver} with its defaults (Authorization header only, RFC 6750 section 2.1). */
    static final BearerTokenResolver BEARER_TOKEN = RequestChecks::bearerToken;

    static String bearerToken(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "bearer", 0, 6)) {
            return null;
        }
        if (!isBearerCredentials(header)) {
            throw new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Bearer token is malformed"));
        }
        return header.substring(7);
    }

    /** {@code ^Bearer (?<token>[a-zA-Z0-9-._~+/]+=*)$}, case-insensitive. */
    static boolean isBearerCredentials(String header) {
        int n = header.length();
        if (n < 8 || !header.regionMatches(true, 0, "bearer ", 0, 7)) {
            return false;
        }
        int i = 7;
        while (i < n && isToken68Char(header.charAt(i))) {
            i++;
        }
        if (i == 7) {
            return false;
        }
        while (i < n && header.charAt(i) == '=') {
            i++;
        }
        return i == n;
    }

    private static boolean isToken68Char(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '-'
                || c == '.'
                || c == '_'
                || c == '~'
                || c == '+'
                || c == '/';
    }

    /** {@code [\p{IsAssigned}&&[^\p{IsControl}]]*}: header and parameter names. */
    static boolean isAssignedAndNotControl(String s) {
        return check(s, false);
    }

    /** {@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*}: header values, where a tab is allowed. */
    static boolean isHeaderValue(String s) {
        return check(s, true);
    }

    private static boolean check(String s, boolean tabAllowed) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int type = Character.getType(cp);
            if (type == Character.UNASSIGNED || (type == Character.CONTROL && !(tabAllowed && cp == '\t'))) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    /** StrictHttpFirewall as by default, its name and value checks replaced by the loops above. */
    static StrictHttpFirewall firewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(RequestChecks::isAssignedAndNotControl);
        firewall.setAllowedHeaderValues(RequestChecks::isHeaderValue);
        firewall.setAllowedParameterNames(RequestChecks::isAssignedAndNotControl);
        return firewall;
    }
}
