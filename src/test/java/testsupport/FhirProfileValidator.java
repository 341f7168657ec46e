package testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.parser.LenientErrorHandler;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/**
 * The HAPI FHIR instance validator over base R4, HL7 UK Core and NHS England's published profiles, read from
 * {@link FhirProfiles#directory()}. Building it loads and snapshots definitions, so there is one per test JVM, made on
 * first use ({@link #shared()}), and it loads only the definitions the hub's resource types need ({@link #needed}).
 *
 * <p>{@link #assertValid} checks a response body as it came over the wire: against base R4 and every profile its
 * resources claim in {@code meta.profile}, and each resource (a Bundle's entries one by one) also against the UK Core
 * profile of its type. Any error or fatal issue fails; warnings do not (SNOMED CT and NHS England code systems cannot
 * be checked offline, see the profiles' README).
 */
public final class FhirProfileValidator {

    public static final String UK_CORE = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-";

    private final FhirContext fhir = FhirContext.forR4();
    private final FhirValidator validator;
    private final Set<String> ukCoreTypes;

    /** The resource types whose UK Core profiles the hub's resources are checked against. */
    static final List<String> TYPES = List.of(
            "AuditEvent",
            "Bundle",
            "CarePlan",
            "CareTeam",
            "Flag",
            "OperationOutcome",
            "PractitionerRole",
            "Provenance");

    private FhirProfileValidator(Path profiles) {
        // The validator reports what is wrong with a body; the parser that splits a Bundle into entries must not throw.
        fhir.setParserErrorHandler(new LenientErrorHandler(false).setErrorOnInvalidValue(false));
        PrePopulatedValidationSupport published = new PrePopulatedValidationSupport(fhir);
        List<String> types = new ArrayList<>();
        for (Path file : needed(profiles)) {
            IBaseResource resource = read(file);
            published.addResource(resource);
            if (resource instanceof org.hl7.fhir.r4.model.StructureDefinition sd
                    && sd.getUrl().equals(UK_CORE + sd.getType())) {
                types.add(sd.getType());
            }
        }
        ukCoreTypes = Set.copyOf(types);
        UnknownCodeSystemWarningValidationSupport offline = new UnknownCodeSystemWarningValidationSupport(fhir);
        offline.setNonExistentCodeSystemSeverity(IValidationSupport.IssueSeverity.WARNING);
        ValidationSupportChain chain = new ValidationSupportChain(
                new DefaultProfileValidationSupport(fhir),
                published,
                new SnapshotGeneratingValidationSupport(fhir),
                new InMemoryTerminologyServerValidationSupport(fhir),
                new CommonCodeSystemsTerminologyService(fhir),
                offline);
        FhirInstanceValidator instanceValidator = new FhirInstanceValidator(chain);
        validator = fhir.newValidator().registerValidatorModule(instanceValidator);
    }

    private static final class Holder {
        static final FhirProfileValidator SHARED = new FhirProfileValidator(FhirProfiles.directory());
    }

    /** The one validator of this test JVM. */
    public static FhirProfileValidator shared() {
        return Holder.SHARED;
    }

    /** The UK Core profile of a resource type, if UK Core has one. */
    public boolean hasUkCoreProfile(String type) {
        return ukCoreTypes.contains(type);
    }

    /** Errors of a JSON body against base R4 and the profiles it claims, and of each resource against UK Core. */
    public List<String> errors(String json) {
        List<String> errors =
                new ArrayList<>(errors(validator.validateWithResult(json).getMessages(), "as sent"));
        IBaseResource parsed = fhir.newJsonParser().parseResource(json);
        List<Resource> resources = new ArrayList<>();
        if (parsed instanceof Bundle bundle) {
            bundle.getEntry().forEach(e -> resources.add(e.getResource()));
        }
        resources.add((Resource) parsed);
        for (Resource resource : resources) {
            String type = resource.fhirType();
            if (hasUkCoreProfile(type)) {
                String encoded = fhir.newJsonParser().encodeResourceToString(resource);
                ValidationOptions options = new ValidationOptions().addProfile(UK_CORE + type);
                errors.addAll(
                        errors(validator.validateWithResult(encoded, options).getMessages(), "UKCore-" + type));
            }
        }
        return errors;
    }

    /** Fails with every error found, each with where it is, if the body is not valid. */
    public void assertValid(String json) {
        assertThat(errors(json)).as("FHIR validation errors of %s", json).isEmpty();
    }

    private static List<String> errors(List<SingleValidationMessage> messages, String against) {
        return messages.stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .map(m -> against + ": " + m.getLocationString() + ": " + m.getMessage())
                .toList();
    }

    private static final Pattern CANONICAL = Pattern.compile("<url value=\"([^\"]+)\"");
    private static final Pattern REFERENCED = Pattern.compile("\"(https://fhir\\.(?:hl7\\.org\\.uk|nhs\\.uk)/[^\"|]+)");

    /**
     * NHS England's profiles, the UK Core profiles of {@link #TYPES}, and every UK Core definition they refer to, in
     * turn: the validator then snapshots a few dozen definitions rather than all of UK Core (start-up in seconds).
     */
    static List<Path> needed(Path profiles) {
        Map<String, Path> byUrl = new HashMap<>();
        Map<Path, String> text = new HashMap<>();
        for (Path file : xmlFiles(profiles)) {
            String xml = readString(file);
            text.put(file, xml);
            Matcher url = CANONICAL.matcher(xml);
            if (url.find()) {
                byUrl.put(url.group(1), file);
            }
        }
        Deque<Path> pending = new ArrayDeque<>();
        xmlFiles(profiles.resolve("england")).forEach(pending::add);
        TYPES.stream().map(t -> byUrl.get(UK_CORE + t)).filter(Objects::nonNull).forEach(pending::add);
        Set<Path> needed = new TreeSet<>();
        while (!pending.isEmpty()) {
            Path file = pending.pop();
            if (needed.add(file)) {
                Matcher references = REFERENCED.matcher(text.get(file));
                while (references.find()) {
                    Path referenced = byUrl.get(references.group(1));
                    if (referenced != null && !needed.contains(referenced)) {
                        pending.add(referenced);
                    }
                }
            }
        }
        return List.copyOf(needed);
    }

    private static List<Path> xmlFiles(Path profiles) {
        try (Stream<Path> files = Files.walk(profiles)) {
            return files.filter(f -> f.toString().endsWith(".xml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private IBaseResource read(Path file) {
        try {
            return fhir.newXmlParser().parseResource(readString(file));
        } catch (RuntimeException e) {
            throw new IllegalStateException("Cannot read the FHIR definition " + file + ": " + e.getMessage(), e);
        }
    }
}
