package org.cpis.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cpis.organisations.Organisations;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * An operator holding the NHS's Frutiger licence gives the hub the font files (cpis.web.font-directory): the hub serves
 * them itself, to anyone, and every page links the frontend's own @font-face rules pointing at them.
 */
@PageSliceTest(HomeController.class)
@Import(IdentityAccessRules.class)
class WebFontsTest {

    /** Stand-in bytes: the licensed fonts are not in the repository; what is tested is that the hub serves the file. */
    private static final byte[] FONT = {'w', 'O', 'F', '2', 0, 1, 0, 0};

    private static final Path FONTS = fonts();

    @Autowired
    MockMvc mvc;

    @MockitoBean
    Organisations organisations;

    @DynamicPropertySource
    static void fontDirectory(DynamicPropertyRegistry registry) {
        registry.add("cpis.web.font-directory", FONTS::toString);
    }

    private static Path fonts() {
        try {
            Path directory = Files.createTempDirectory("cpis-fonts");
            Files.write(directory.resolve("FrutigerLTW01-55Roman.woff2"), FONT);
            directory.toFile().deleteOnExit();
            directory.resolve("FrutigerLTW01-55Roman.woff2").toFile().deleteOnExit();
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void pages_link_the_font_rules_and_the_hub_serves_the_operators_files_without_sign_in() throws Exception {
        String login = mvc.perform(get("/login"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(login).contains("href=\"/nhsuk-fonts.css\"");

        byte[] served = mvc.perform(get("/assets/fonts/FrutigerLTW01-55Roman.woff2"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        assertThat(served).isEqualTo(FONT);

        String rules = mvc.perform(get("/nhsuk-fonts.css"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(rules)
                .contains("url(assets/fonts/FrutigerLTW01-55Roman.woff2)")
                .doesNotContain("https:", "//assets.nhs.uk");
    }

    @Test
    void nothing_outside_the_font_folder_is_served_from_it() throws Exception {
        mvc.perform(get("/assets/fonts/../../etc/passwd")).andExpect(status().is4xxClientError());
        mvc.perform(get("/assets/fonts/FrutigerLTW01-65Bold.woff2")).andExpect(status().isNotFound());
    }
}
