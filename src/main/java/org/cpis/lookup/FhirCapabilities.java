package org.cpis.lookup;

import java.sql.Date;
import java.time.LocalDate;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations;

/** The hub's CapabilityStatement ({@code GET /fhir/R4/metadata}): what a FHIR client may ask, named as FHIR names it. */
final class FhirCapabilities {

    static final String CLINICAL_PATIENT = "http://hl7.org/fhir/SearchParameter/clinical-patient";
    static final String AUDIT_EVENT_PATIENT = "http://hl7.org/fhir/SearchParameter/AuditEvent-patient";

    private static final String PATIENT_DOCUMENTATION = "Required, once. The patient's NHS number: {NHS number} (as in "
            + "NHS England's CapabilityStatement and Patient Flags guide), Patient/{NHS number}, or "
            + FhirResources.NHS_NUMBER_SYSTEM + "|{NHS number}. The CP-IS guide's form patient:identifier="
            + FhirResources.NHS_NUMBER_SYSTEM + "|{NHS number} is accepted too.";

    private FhirCapabilities() {}

    static CapabilityStatement capabilityStatement(String base) {
        CapabilityStatement cs = new CapabilityStatement();
        cs.setId("cpis");
        cs.setName("CPISFHIRAPI");
        cs.setTitle("cpis – CP-IS FHIR R4 API");
        cs.setStatus(Enumerations.PublicationStatus.ACTIVE);
        cs.setDate(Date.valueOf(LocalDate.of(2026, 11, 30)));
        cs.setPublisher("cpis");
        cs.setKind(CapabilityStatement.CapabilityStatementKind.INSTANCE);
        cs.getImplementation()
                .setDescription("Child Protection - Information Sharing hub")
                .setUrl(base);
        cs.setFhirVersion(Enumerations.FHIRVersion._4_0_1);
        cs.addFormat("application/fhir+json");
        cs.addFormat("json");
        CapabilityStatement.CapabilityStatementRestComponent rest = rest(cs);
        searchByPatient(rest, "CareTeam", CLINICAL_PATIENT);
        searchByPatient(rest, "AuditEvent", AUDIT_EVENT_PATIENT).addSearchInclude("PractitionerRole");
        CapabilityStatement.CapabilityStatementRestResourceComponent flag =
                searchByPatient(rest, "Flag", CLINICAL_PATIENT);
        flag.addSupportedProfile(FhirFlags.FLAG_PROFILE);
        flag.addSearchInclude("CarePlan").addSearchInclude("CareTeam");
        // As in NHS England's Patient Flag CapabilityStatement: base R4 defines no code parameter for Flag.
        flag.addSearchParam()
                .setName("code")
                .setType(Enumerations.SearchParamType.TOKEN)
                .setDocumentation("Optional: [" + FhirResources.FLAG_CATEGORY + "|]" + FhirResources.CPIS_FLAG_CODE
                        + "; any other code finds nothing.");
        return cs;
    }

    private static CapabilityStatement.CapabilityStatementRestComponent rest(CapabilityStatement cs) {
        CapabilityStatement.CapabilityStatementRestComponent rest = cs.addRest();
        rest.setMode(CapabilityStatement.RestfulCapabilityMode.SERVER);
        rest.setDocumentation("Search by NHS number only; no read by id, no other interaction. Flag is also served "
                + "at [base]/PatientFlag, the path of NHS England's Patient Flags API. _count, _format, _pretty, "
                + "_summary, _elements, _total, _sort, _include and _revinclude are accepted and ignored: every "
                + "answer is whole, on one page.");
        rest.getSecurity()
                .addService(new CodeableConcept(
                        new Coding("http://terminology.hl7.org/CodeSystem/restful-security-service", "OAuth", "OAuth")))
                .setDescription("OAuth 2.0 bearer token (client credentials at /oauth2/token, or the operator's "
                        + "issuer). Headers: TraceID (optional, echoed), IsUnscheduledAccessEvent (true|false, "
                        + "absent means true), X-Correlation-ID (optional, echoed).");
        return rest;
    }

    /** A resource type searchable by the patient's NHS number only. */
    private static CapabilityStatement.CapabilityStatementRestResourceComponent searchByPatient(
            CapabilityStatement.CapabilityStatementRestComponent rest, String type, String definition) {
        CapabilityStatement.CapabilityStatementRestResourceComponent resource = rest.addResource();
        resource.setType(type);
        resource.setProfile("http://hl7.org/fhir/StructureDefinition/" + type);
        resource.addInteraction().setCode(CapabilityStatement.TypeRestfulInteraction.SEARCHTYPE);
        resource.addSearchParam()
                .setName("patient")
                .setDefinition(definition)
                .setType(Enumerations.SearchParamType.REFERENCE)
                .setDocumentation(PATIENT_DOCUMENTATION);
        return resource;
    }
}
