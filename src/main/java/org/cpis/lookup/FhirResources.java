package org.cpis.lookup;

import java.nio.charset.StandardCharsets;
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
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
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
    static final String CPIS_FLAG_CODE = "child-protection-information-system-flag";

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

    /**
     * The LA's team for one plan. Its status follows the plan's, so that a Flag, its CarePlan and its CareTeam never
     * disagree: an ended plan's team is {@code inactive}.
     */
    static CareTeam careTeam(VisibleRecord record, LocalAuthority la, LocalDate today) {
        CareTeam team = new CareTeam();
        team.setId(id("careteam", record.id()));
        team.setStatus(ended(record, today) ? CareTeam.CareTeamStatus.INACTIVE : CareTeam.CareTeamStatus.ACTIVE);
        team.addCategory(planCategory(record.planType()));
        team.setName(laName(record, la));
        team.setSubject(patient(record.nhsNumber()));
        if (la != null && la.officeHoursPhone() != null) {
            team.addTelecom(phone(la.officeHoursPhone(), ContactPoint.ContactPointUse.WORK));
        }
        if (la != null && la.emergencyDutyPhone() != null) {
            // The guide maps the emergency duty (out-of-hours) number to use "mobile".
            team.addTelecom(phone(la.emergencyDutyPhone(), ContactPoint.ContactPointUse.MOBILE));
        }
        team.setPeriod(period(record.startDate(), record.endDate()));
        team.setManagingOrganization(List.of(organisation(record, la)));
        return team;
    }

    /** Ended on its end date: the end date is the plan's last day in cpis's records, shown as its period end. */
    static boolean ended(VisibleRecord record, LocalDate today) {
        return record.endDate() != null && !record.endDate().isAfter(today);
    }

    static String laName(VisibleRecord record, LocalAuthority la) {
        return la != null
                ? la.name()
                : "Local authority " + record.localAuthority().value();
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

    static CodeableConcept planCategory(PlanType type) {
        return new CodeableConcept(new Coding(PlanType.SNOMED_SYSTEM, type.snomedCode(), snomedDisplay(type)));
    }

    static Reference patient(NhsNumber nhsNumber) {
        return new Reference()
                .setIdentifier(new Identifier().setSystem(NHS_NUMBER_SYSTEM).setValue(nhsNumber.value()));
    }

    static Reference organisation(VisibleRecord record, LocalAuthority la) {
        return new Reference()
                .setType("Organization")
                .setIdentifier(new Identifier()
                        .setSystem(ODS_SYSTEM)
                        .setValue(record.localAuthority().value()))
                .setDisplay(laName(record, la));
    }

    private static ContactPoint phone(String number, ContactPoint.ContactPointUse use) {
        return new ContactPoint()
                .setSystem(ContactPoint.ContactPointSystem.PHONE)
                .setValue(number)
                .setUse(use);
    }

    static Period period(LocalDate start, LocalDate end) {
        Period period = new Period();
        period.setStartElement(new org.hl7.fhir.r4.model.DateTimeType(start.toString()));
        if (end != null) {
            period.setEndElement(new org.hl7.fhir.r4.model.DateTimeType(end.toString()));
        }
        return period;
    }
}
