package testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The project's copy of the published profiles is the shared folder's, file for file. */
class FhirProfilesTest {

    @Test
    void the_project_copy_is_the_shared_profiles_file_for_file() throws IOException {
        Path shared =
                FhirProfiles.projectDirectory().resolve(FhirProfiles.SHARED).normalize();
        assumeThat(Files.isDirectory(shared))
                .as("no ../shared/fhir-profiles beside this clone (CI): the copy is used as it is")
                .isTrue();
        Path copy = FhirProfiles.copy();
        assertThat(copy).as("src/test/resources/fhir-profiles").isNotNull();
        for (String part : List.of("england", "ukcore")) {
            List<Path> sharedFiles = files(shared.resolve(part));
            assertThat(files(copy.resolve(part))).isEqualTo(sharedFiles);
            for (Path file : sharedFiles) {
                assertThat(Files.readAllBytes(copy.resolve(part).resolve(file)))
                        .as(file.toString())
                        .isEqualTo(Files.readAllBytes(shared.resolve(part).resolve(file)));
            }
        }
    }

    @Test
    void the_profiles_are_found() {
        Path directory = FhirProfiles.directory();
        assertThat(directory.resolve("england/England-Flag-PatientFlag.xml")).exists();
        assertThat(directory.resolve("ukcore/structuredefinitions/UKCore-CareTeam.xml"))
                .exists();
    }

    private static List<Path> files(Path directory) throws IOException {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile)
                    .map(directory::relativize)
                    .sorted()
                    .toList();
        }
    }
}
