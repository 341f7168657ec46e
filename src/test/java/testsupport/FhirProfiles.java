package testsupport;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the published FHIR profiles the tests validate against are: {@code ../shared/fhir-profiles} beside the project
 * (the shared folder whose README says where each comes from), or the copy under {@code src/test/resources/fhir-profiles}
 * for a clone that has no such folder beside it (CI's clean clone). {@code -Dcpis.fhir-profiles=<dir>} overrides both.
 * Missing profiles fail the test with this explanation; a test never skips for want of them.
 */
public final class FhirProfiles {

    public static final String PROPERTY = "cpis.fhir-profiles";
    public static final Path SHARED = Path.of("..", "shared", "fhir-profiles");
    public static final String COPY = "fhir-profiles";

    private FhirProfiles() {}

    public static Path directory() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null) {
            return checked(Path.of(configured), "-D" + PROPERTY);
        }
        Path shared = projectDirectory().resolve(SHARED).normalize();
        if (Files.isDirectory(shared)) {
            return checked(shared, "../shared/fhir-profiles");
        }
        Path copy = copy();
        if (copy != null) {
            return checked(copy, "src/test/resources/" + COPY);
        }
        throw new IllegalStateException("The published FHIR profiles were not found: neither " + shared
                + " (../shared/fhir-profiles beside the project) nor src/test/resources/" + COPY
                + " exists. Put NHS England's and UK Core's profiles there (see that folder's README) or run with -D"
                + PROPERTY + "=<folder with england/ and ukcore/>.");
    }

    /** The project copy on the test classpath, or null. */
    public static Path copy() {
        URL url = FhirProfiles.class.getClassLoader().getResource(COPY + "/README.md");
        if (url == null) {
            return null;
        }
        try {
            return Path.of(url.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Maven's basedir when Surefire gives it, else the working directory (Surefire's default is the basedir). */
    public static Path projectDirectory() {
        String basedir = System.getProperty("basedir");
        return Path.of(basedir != null ? basedir : "").toAbsolutePath();
    }

    private static Path checked(Path directory, String source) {
        if (!Files.isDirectory(directory.resolve("england")) || !Files.isDirectory(directory.resolve("ukcore"))) {
            throw new IllegalStateException("The FHIR profiles folder " + directory.toAbsolutePath() + " (" + source
                    + ") has no england/ and ukcore/ folders: see ../shared/fhir-profiles/README.md.");
        }
        return directory;
    }
}
