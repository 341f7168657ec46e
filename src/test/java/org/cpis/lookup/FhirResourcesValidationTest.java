package org.cpis.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.cpis.organisations.CareSettingType;
import org.cpis.organisations.LocalAuthority;
import org.cpis.records.VisibleRecord;
import org.cpis.shared.NhsNumber;
import org.cpis.shared.OdsCode;
import org.cpis.shared.PlanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import testsupport.FhirProfileValidator;
import testsupport.TestNhsNumbers;

/**
 * Every kind of resource the FHIR API builds, checked by the HAPI instance validator against base R4, UK Core and the
 * NHS England profiles they claim, without a hub (FhirApiTest checks the same over HTTP).
 */
class FhirResourcesValidationTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 30);
    static final Instant NOW = Instant.parse("2026-11-30T03:00:00Z");

    final FhirContext fhir = FhirContext.forR4();
    final FhirProfileValidator validator = FhirProfileValidator.shared();
    final NhsNumber child = NhsNumber.of(TestNhsNumbers.next());
    final LocalAuthority birmingham = new LocalAuthority(
            new OdsCode("E08000025"), "Birmingham City Council", "0121 496 0100", "0121 496 0500", null, null);

    VisibleRecord record(PlanType type, LocalDate end) {
        return new VisibleRecord(
                7,
                child,
                birmingham.odsCode(),
                type,
                "B-1",
                LocalDate.of(2019, 5, 1),
                LocalDate.of(2025, 1, 10),
                end,
                type == PlanType.UCPP ? LocalDate.of(2027, 1, 15) : null,
                null);
    }

    String json(Resource resource) {
        return fhir.newJsonParser().encodeResourceToString(resource);
    }

    Bundle flagBundle(VisibleRecord record) {
        Bundle bundle = FhirResources.searchset("https://hub.example/fhir/R4/PatientFlag?patient=" + child.value());
        List<Resource> resources = FhirFlags.flag(record, birmingham, TODAY, NOW);
        FhirResources.add(bundle, "https://hub.example/fhir/R4", resources.get(0), Bundle.SearchEntryMode.MATCH);
        FhirResources.add(bundle, "https://hub.example/fhir/R4", resources.get(1), Bundle.SearchEntryMode.INCLUDE);
        FhirResources.add(bundle, "https://hub.example/fhir/R4", resources.get(2), Bundle.SearchEntryMode.INCLUDE);
        bundle.setTotal(1);
        return bundle;
    }

    @Test
    void an_open_and_an_ended_plan_as_patient_flags_conform_to_nhs_englands_profiles() {
        for (VisibleRecord record : List.of(
                record(PlanType.CPP, null),
                record(PlanType.LAC, LocalDate.of(2026, 1, 31)),
                record(PlanType.UCPP, null))) {
            validator.assertValid(json(flagBundle(record)));
        }
    }

    @Test
    void a_flag_claims_its_profile_and_contains_its_provenance() {
        Flag flag = (Flag) FhirFlags.flag(record(PlanType.CPP, null), birmingham, TODAY, NOW)
                .get(0);
        assertThat(flag.getMeta().getProfile().get(0).getValue()).isEqualTo(FhirFlags.FLAG_PROFILE);
        String json = json(flag);
        assertThat(json).contains("\"contained\":[{\"resourceType\":\"Provenance\"");
        assertThat(json).contains(FhirFlags.PROVENANCE_PROFILE);
    }

    @Test
    void careteams_audit_events_and_the_capability_statement_are_valid() {
        validator.assertValid(json(FhirResources.careTeam(record(PlanType.CPP, null), birmingham, TODAY)));
        Access access = new Access(
                3,
                NOW,
                "Dr Amira Khan",
                "UNSCHEDULED_CLINICIAN",
                new OdsCode("X1A01"),
                "Northfield General Hospital Emergency Department",
                CareSettingType.EMERGENCY_DEPARTMENT,
                true);
        var role = FhirResources.practitionerRole(access);
        validator.assertValid(json(role));
        validator.assertValid(json(FhirResources.auditEvent(access, child, role)));
        validator.assertValid(json(FhirCapabilities.capabilityStatement("https://hub.example/fhir/R4")));
        for (FhirErrors error : FhirErrors.values()) {
            validator.assertValid(json(error.outcome("diagnostics")));
        }
    }

    @Test
    void the_validator_finds_a_flag_without_its_provenance() {
        Flag flag = (Flag) FhirFlags.flag(record(PlanType.CPP, null), birmingham, TODAY, NOW)
                .get(0);
        flag.getContained().clear();
        assertThat(validator.errors(json(flag))).isNotEmpty();
    }
}
