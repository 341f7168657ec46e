package org.cpis.lookup;

import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.cpis.identity.Role;
import org.cpis.organisations.LocalAuthority;
import org.cpis.records.VisibleRecord;
import org.cpis.shared.NhsNumber;
import org.cpis.shared.PlanType;
import org.cpis.shared.web.ViewFormat;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Builds the resources of NHS England's CP-IS FHIR R4 API from cpis's records, following the implementation guide's
 * examples (docs/nhs-cpis-fhir-notes.md): no names of the child, no clinical content, only plan, dates and the
 * responsible LA with its phone numbers.
 */
final class FhirResources {

    static final String NHS_NUMBER_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number";
    static final String ODS_SYSTEM = "https://fhir.nhs.uk/Id/ods-organization-code";
    static final String ROLE_CLASS = "http://terminology.hl7.org/CodeSystem/v3-RoleClass";
    static final String FLAG_CATEGORY = "https://fhir.nhs.uk/England/CodeSystem/England-FlagCategoryPatient";

    private FhirResources() {}

    /** SNOMED CT display terms the guide's England-ChildProtectionPlan value set uses. */
    static String snomedDisplay(PlanType type) {
        return switch (type) {
            case CPP -> "Subject to child protection plan";
            case LAC -> "Looked after child";
            case UCPP -> "Unborn child subject to child protection plan";
        };
    }

    /** Stable, non-sequential resource id for a stored row, so ids neither change nor reveal volumes. */
    static String id(String kind, long rowId) {
        return UUID.nameUUIDFromBytes((kind + ":" + rowId).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    static Bundle searchset(String selfUrl) {
        Bundle bundle = new Bundle();
        bundle.setId(UUID.randomUUID().toString());
        bundle.setType(Bundle.BundleType.SEARCHSET);
        bundle.addLink().setRelation("self").setUrl(selfUrl);
        return bundle;
    }

    static void add(Bundle bundle, String base, Resource resource, Bundle.SearchEntryMode mode) {
        bundle.addEntry()
                .setFullUrl(base + "/" + resource.fhirType() + "/"
                        + resource.getIdElement().getIdPart())
                .setResource(resource)
                .getSearch()
                .setMode(mode);
    }

    static CareTeam careTeam(VisibleRecord record, LocalAuthority la) {
        CareTeam team = new CareTeam();
        team.setId(id("careteam", record.id()));
        team.addCategory(planCategory(record.planType()));
        team.setName(la.name());
        team.setSubject(patient(record.nhsNumber()));
        if (la.officeHoursPhone() != null) {
            team.addTelecom(phone(la.officeHoursPhone(), ContactPoint.ContactPointUse.WORK));
        }
        // The guide maps the emergency duty (out-of-hours) number to use "mobile".
        team.addTelecom(phone(la.emergencyDutyPhone(), ContactPoint.ContactPointUse.MOBILE));
        team.setPeriod(period(record.startDate(), record.endDate()));
        team.setManagingOrganization(List.of(organisation(la)));
        return team;
    }

    static PractitionerRole practitionerRole(Access access) {
        PractitionerRole role = new PractitionerRole();
        role.setId(id("accessor", access.id()));
        role.getPractitioner().setDisplay(access.actorName());
        role.getOrganization()
                .setIdentifier(new Identifier()
                        .setSystem(ODS_SYSTEM)
                        .setValue(access.organisation().value()))
                .setDisplay(
                        access.organisationName() + " (" + access.organisation().value() + ")");
        role.addCode().setText(ViewFormat.codeName(access.actorRole(), Role.class, Role::displayName));
        if (access.careSettingType() != null) {
            role.addSpecialty().setText(access.careSettingType().displayName());
        }
        return role;
    }

    static AuditEvent auditEvent(Access access, NhsNumber nhsNumber, PractitionerRole accessor) {
        AuditEvent event = new AuditEvent();
        event.setId(id("access", access.id()));
        event.setType(new Coding(
                "http://terminology.hl7.org/CodeSystem/iso-21089-lifecycle",
                "access",
                "Access/View Record Lifecycle Event"));
        event.setRecorded(java.util.Date.from(access.accessedAt()));
        event.addAgent()
                .setType(new CodeableConcept(new Coding(ROLE_CLASS, "PAT", "patient")))
                .setWho(patient(nhsNumber))
                .setRequestor(false);
        Reference accessorReference =
                new Reference("PractitionerRole/" + accessor.getIdElement().getIdPart());
        event.addAgent()
                .setType(new CodeableConcept(new Coding(ROLE_CLASS, "ASSIGNED", "assigned entity")))
                .setWho(accessorReference)
                .setRequestor(true);
        event.getSource().setObserver(accessorReference.copy());
        return event;
    }

    /** The Patient Flags style: a Flag whose flag-detail is a CarePlan, which names the LA's CareTeam. */
    static List<Resource> flag(VisibleRecord record, LocalAuthority la, LocalDate today) {
        CareTeam team = careTeam(record, la);
        team.setStatus(CareTeam.CareTeamStatus.ACTIVE);
        boolean ended = record.endDate() != null && !record.endDate().isAfter(today);

        CarePlan plan = new CarePlan();
        plan.setId(id("careplan", record.id()));
        plan.setStatus(ended ? CarePlan.CarePlanStatus.COMPLETED : CarePlan.CarePlanStatus.ACTIVE);
        plan.setIntent(CarePlan.CarePlanIntent.PLAN);
        plan.addCategory(planCategory(record.planType()));
        plan.setSubject(patient(record.nhsNumber()));
        plan.setPeriod(period(record.startDate(), record.endDate()));
        plan.addCareTeam(new Reference("CareTeam/" + team.getIdElement().getIdPart()).setDisplay(la.name()));
        if (record.expectedDeliveryDate() != null) {
            plan.setDescription("Expected delivery date " + record.expectedDeliveryDate());
        }

        Flag flag = new Flag();
        flag.setId(id("flag", record.id()));
        flag.setStatus(ended ? Flag.FlagStatus.INACTIVE : Flag.FlagStatus.ACTIVE);
        flag.setCode(new CodeableConcept(new Coding(
                FLAG_CATEGORY,
                "child-protection-information-system-flag",
                "Child Protection Information System Flag")));
        flag.addCategory(planCategory(record.planType()));
        flag.setSubject(patient(record.nhsNumber()));
        flag.setPeriod(period(record.startDate(), record.endDate()));
        flag.addExtension(
                "http://hl7.org/fhir/StructureDefinition/flag-detail",
                new Reference("CarePlan/" + plan.getIdElement().getIdPart())
                        .setDisplay(record.planType().displayName()));
        return List.of(flag, plan, team);
    }

    static CapabilityStatement capabilityStatement(String base) {
        CapabilityStatement cs = new CapabilityStatement();
        cs.setId("cpis");
        cs.setName("CPISFHIRAPI");
        cs.setTitle("cpis – CP-IS FHIR R4 API");
        cs.setStatus(Enumerations.PublicationStatus.ACTIVE);
        cs.setDate(Date.valueOf(LocalDate.of(2026, 11, 22)));
        cs.setPublisher("cpis");
        cs.setKind(CapabilityStatement.CapabilityStatementKind.INSTANCE);
        cs.getImplementation()
                .setDescription("Child Protection - Information Sharing hub")
                .setUrl(base);
        cs.setFhirVersion(Enumerations.FHIRVersion._4_0_1);
        cs.addFormat("application/fhir+json");
        CapabilityStatement.CapabilityStatementRestComponent rest = cs.addRest();
        rest.setMode(CapabilityStatement.RestfulCapabilityMode.SERVER);
        rest.getSecurity()
                .addService(new CodeableConcept(
                        new Coding("http://terminology.hl7.org/CodeSystem/restful-security-service", "OAuth", "OAuth")))
                .setDescription("OAuth 2.0 bearer token (client credentials at /oauth2/token, or the operator's "
                        + "issuer). Headers: TraceID (optional, echoed), IsUnscheduledAccessEvent (true|false, "
                        + "absent means true).");
        addSearchByPatient(rest, "CareTeam");
        addSearchByPatient(rest, "AuditEvent", "PractitionerRole");
        addSearchByPatient(rest, "Flag", "CarePlan", "CareTeam");
        return cs;
    }

    /** A resource type searchable by the patient's NHS number only, with the resources its bundle includes. */
    private static void addSearchByPatient(
            CapabilityStatement.CapabilityStatementRestComponent rest, String type, String... includes) {
        CapabilityStatement.CapabilityStatementRestResourceComponent resource = rest.addResource();
        resource.setType(type);
        resource.setProfile("http://hl7.org/fhir/StructureDefinition/" + type);
        resource.addInteraction().setCode(CapabilityStatement.TypeRestfulInteraction.SEARCHTYPE);
        resource.addSearchParam()
                .setName("patient:identifier")
                .setType(Enumerations.SearchParamType.TOKEN)
                .setDocumentation("https://fhir.nhs.uk/Id/nhs-number|{10-digit NHS number}; required");
        for (String include : includes) {
            resource.addSearchInclude(include);
        }
    }

    private static CodeableConcept planCategory(PlanType type) {
        return new CodeableConcept(new Coding(PlanType.SNOMED_SYSTEM, type.snomedCode(), snomedDisplay(type)));
    }

    private static Reference patient(NhsNumber nhsNumber) {
        return new Reference()
                .setIdentifier(new Identifier().setSystem(NHS_NUMBER_SYSTEM).setValue(nhsNumber.value()));
    }

    private static Reference organisation(LocalAuthority la) {
        return new Reference()
                .setIdentifier(new Identifier()
                        .setSystem(ODS_SYSTEM)
                        .setValue(la.odsCode().value()))
                .setDisplay(la.name());
    }

    private static ContactPoint phone(String number, ContactPoint.ContactPointUse use) {
        return new ContactPoint()
                .setSystem(ContactPoint.ContactPointSystem.PHONE)
                .setValue(number)
                .setUse(use);
    }

    private static Period period(LocalDate start, LocalDate end) {
        Period period = new Period();
        period.setStartElement(new org.hl7.fhir.r4.model.DateTimeType(start.toString()));
        if (end != null) {
            period.setEndElement(new org.hl7.fhir.r4.model.DateTimeType(end.toString()));
        }
        return period;
    }
}
