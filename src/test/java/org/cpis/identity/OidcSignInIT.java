package org.cpis.identity;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import org.cpis.shared.OdsCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import testsupport.Browser;
import testsupport.oidc.TestOidcIssuer;

/**
 * OpenID Connect sign-in (NHS CIS2 in production) against a real issuer: the issuer proves who the person is, and the
 * hub takes their role and organisation from the person record bound to that issuer and subject.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "cpis.database.embedded.ephemeral=true")
@DirtiesContext // the hub's client registration points at this class's issuer, which stops after the class
class OidcSignInIT {

    private static final String KNOWN = "oidc.clinician";
    private static final String UNKNOWN = "oidc.stranger";
    private static final String PROVIDER_NAME = "NHS CIS2 (test issuer)";

    private static TestOidcIssuer issuer;

    @AutoClose
    static final Browser browser = new Browser();

    @DynamicPropertySource
    static void cis2(DynamicPropertyRegistry registry) {
        if (issuer == null) {
            issuer = TestOidcIssuer.start(KNOWN, UNKNOWN);
        }
        String registration = "spring.security.oauth2.client.registration.cis2.";
        registry.add(registration + "client-id", () -> TestOidcIssuer.CLIENT_ID);
        registry.add(registration + "client-secret", () -> TestOidcIssuer.CLIENT_SECRET);
        registry.add(registration + "client-name", () -> PROVIDER_NAME);
        registry.add(registration + "authorization-grant-type", () -> "authorization_code");
        registry.add(registration + "redirect-uri", () -> "{baseUrl}/login/oauth2/code/{registrationId}");
        registry.add(registration + "scope", () -> "openid,profile");
        registry.add("spring.security.oauth2.client.provider.cis2.issuer-uri", issuer::issuerUri);
    }

    @AfterAll
    static void stopIssuer() {
        if (issuer != null) {
            issuer.close();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    IdentityService identities;

    @BeforeEach
    void registerHubWithIssuer() {
        issuer.allowRedirectUri(url("/login/oauth2/code/cis2"));
        identities.registerOidcPerson(
                "oidc.clinician",
                "Dr Nia Roberts",
                issuer.issuerUri(),
                KNOWN,
                Role.UNSCHEDULED_CLINICIAN,
                new OdsCode("X1A01"));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private Page signInAtIssuer(String username) {
        Page page = browser.newPage();
        page.navigate(url("/login"));
        Response start = page.waitForResponse(
                url("/oauth2/authorization/cis2"),
                () -> page.getByRole(
                                AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign in with " + PROVIDER_NAME))
                        .click());
        assertThat(start.status())
                .as("the hub should send the browser to the issuer from /oauth2/authorization/cis2")
                .isEqualTo(302);
        assertThat(page).hasURL(issuer.issuerUri() + "/login");
        page.getByLabel("Username").fill(username);
        page.getByLabel("Password").fill(TestOidcIssuer.PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();
        return page;
    }

    @Test
    void registeredPersonSignsInThroughTheIssuer() {
        Page page = signInAtIssuer(KNOWN);

        assertThat(page).hasURL(url("/"));
        var signedInAs = page.getByTestId("signed-in-as");
        assertThat(signedInAs).containsText("Dr Nia Roberts");
        assertThat(signedInAs).containsText("Unscheduled-care clinician");
        assertThat(signedInAs).containsText("Northfield General Hospital Emergency Department");
    }

    @Test
    void issuerUserWithoutACpisAccountIsRefused() {
        Page page = signInAtIssuer(UNKNOWN);

        assertThat(page).hasURL(url("/login?oidcError"));
        assertThat(page.locator(".nhsuk-error-summary")).containsText("not set up for CP-IS");
        assertThat(page.locator(".nhsuk-error-summary")).isVisible();
        assertThat(page.getByTestId("signed-in-as")).hasCount(0);
        page.navigate(url("/"));
        assertThat(page).hasURL(url("/login"));
        assertThat(page.getByTestId("signed-in-as")).hasCount(0);
    }
}
