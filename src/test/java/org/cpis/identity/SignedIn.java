package org.cpis.identity;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;

import java.util.List;
import java.util.Locale;
import org.cpis.shared.OdsCode;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * MockMvc requests from a signed-in person. The hub's principals carry an {@link Actor} (which controllers take as a
 * parameter), so spring-security-test's {@code user()} would not do: this sets an authentication like the sign-in's.
 */
public final class SignedIn {

    /** The ODS code of the test person's organisation. */
    public static final OdsCode ORGANISATION = OdsCode.of("E08000025");

    private SignedIn() {}

    public static RequestPostProcessor as(Role role) {
        Actor actor = new Actor(
                "test." + role.name().toLowerCase(Locale.ROOT), "Test Person", role, ORGANISATION, "Test Organisation");
        return authentication(UsernamePasswordAuthenticationToken.authenticated(
                actor, null, List.of(new SimpleGrantedAuthority(role.authority()))));
    }
}
