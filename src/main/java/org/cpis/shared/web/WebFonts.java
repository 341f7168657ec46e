package org.cpis.shared.web;

import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The NHS.UK design system's Frutiger web font, served by the hub itself when the operator gives it the files.
 *
 * <p>Frutiger is licensed to the NHS and is not in the {@code nhsuk-frontend} npm package, so it cannot ship in an
 * open-source build. Pages never load it from the NHS's CDN (a stall when that host is down, and every clinician's
 * address told to it): without the files they use the design system's own fallback, Arial. An operator holding the
 * licence sets {@code cpis.web.font-directory} to a folder with {@code FrutigerLTW01-55Roman.woff2} and
 * {@code FrutigerLTW01-65Bold.woff2} (and the {@code .woff} twins if wanted); the hub then serves them under
 * {@code /assets/fonts/} and every page links {@code /nhsuk-fonts.css}, the frontend's own {@code @font-face} rules
 * pointing there (frontend/self-hosted-css.mjs).
 */
@Component("webFonts")
@EnableConfigurationProperties(WebFonts.Settings.class) // also in @WebMvcTest slices, which render the layout
public class WebFonts implements WebMvcConfigurer {

    static final String REGULAR = "FrutigerLTW01-55Roman.woff2";

    private static final Logger log = LoggerFactory.getLogger(WebFonts.class);

    private final Path directory;

    WebFonts(Settings settings) {
        this.directory = usable(settings.fontDirectory());
    }

    /** Whether pages link the font stylesheet: only when the hub has the files to serve. */
    public boolean served() {
        return directory != null;
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        if (directory != null) {
            registry.addResourceHandler("/assets/fonts/**")
                    .addResourceLocations(directory.toUri().toString());
        }
    }

    private static Path usable(Path configured) {
        if (configured == null) {
            return null;
        }
        Path directory = configured.toAbsolutePath().normalize();
        if (!Files.isReadable(directory.resolve(REGULAR))) {
            log.warn("cpis.web.font-directory has no readable {}; pages use the fallback font", REGULAR);
            return null;
        }
        return directory;
    }

    /** @param fontDirectory the folder holding the operator's licensed Frutiger files, or none */
    @ConfigurationProperties("cpis.web")
    record Settings(Path fontDirectory) {}
}
