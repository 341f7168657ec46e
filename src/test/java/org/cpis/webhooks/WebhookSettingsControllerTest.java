package org.cpis.webhooks;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.UUID;
import org.cpis.identity.Actor;
import org.cpis.identity.Role;
import org.cpis.shared.OdsCode;
import org.cpis.webhooks.FailedDeliveries.FailedDelivery;
import org.cpis.webhooks.WebhookSettingsService.Change;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The webhook settings page's answers, with the settings service a mock; the URL rules are the form's, with the
 * properties' defaults (no local addresses).
 */
@WebMvcTest(WebhookSettingsController.class)
@EnableConfigurationProperties(WebhooksProperties.class)
class WebhookSettingsControllerTest {

    static final OdsCode BIRMINGHAM = new OdsCode("E08000025");

    @Autowired
    MockMvc mvc;

    @MockitoBean
    WebhookSettingsService settings;

    final Authentication dataManager = new TestingAuthenticationToken(
            new Actor("dm", "D. Manager", Role.LA_DATA_MANAGER, BIRMINGHAM, "Birmingham"),
            null,
            "ROLE_LA_DATA_MANAGER");

    @BeforeEach
    void configured() {
        when(settings.settings(BIRMINGHAM))
                .thenReturn(new WebhookSettings(
                        "https://cases.example.gov.uk/cpis", "whsec_abcdefghijklmnopqrstuvwxyz12", null, true));
    }

    @Test
    void the_page_shows_the_secret_masked_and_the_failed_deliveries() throws Exception {
        UUID failed = UUID.randomUUID();
        when(settings.failedDeliveries(eq(BIRMINGHAM), any(Integer.class)))
                .thenReturn(List.of(new FailedDelivery(failed, "Webhook", 7, null)));

        mvc.perform(get("/settings/webhook").with(authentication(dataManager)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("whsec_••••••••yz12")))
                .andExpect(content().string(containsString(failed.toString())))
                .andExpect(content().string(containsString("Not recorded")));
    }

    @Test
    void a_url_the_hub_may_not_post_to_is_refused_with_what_is_wrong() throws Exception {
        mvc.perform(post("/settings/webhook")
                        .param("url", "  http://cases.example.gov.uk/cpis ")
                        .with(authentication(dataManager))
                        .with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("<title>Error: Webhook settings")))
                .andExpect(content().string(containsString("Webhook URL must start with https://")))
                .andExpect(content().string(containsString("value=\"http://cases.example.gov.uk/cpis\"")));
        mvc.perform(post("/settings/webhook").with(authentication(dataManager)).with(csrf()))
                .andExpect(content().string(containsString("Enter the webhook URL")));
        verify(settings, never()).configure(any(), anyString());
    }

    @Test
    void the_first_url_creates_a_secret_and_says_so() throws Exception {
        when(settings.configure(any(), eq("https://cases.example.gov.uk/cpis"))).thenReturn(Change.CREATED_SECRET);

        mvc.perform(post("/settings/webhook")
                        .param("url", "https://cases.example.gov.uk/cpis")
                        .with(authentication(dataManager))
                        .with(csrf()))
                .andExpect(redirectedUrl("/settings/webhook"))
                .andExpect(flash().attribute(
                                "done",
                                "Webhook turned on. CP-IS created a signing secret: copy it into your case system."));
    }

    @Test
    void nothing_to_retire_says_nothing() throws Exception {
        when(settings.retirePreviousSecret(any())).thenReturn(Change.NONE);

        mvc.perform(post("/settings/webhook/retire-previous-secret")
                        .with(authentication(dataManager))
                        .with(csrf()))
                .andExpect(redirectedUrl("/settings/webhook"))
                .andExpect(flash().attributeCount(0));
    }
}
