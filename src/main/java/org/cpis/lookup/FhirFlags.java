package org.cpis.lookup;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import org.cpis.organisations.LocalAuthority;
import org.cpis.records.VisibleRecord;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * NHS England's Patient Flags shape of a CP-IS record (Patient Flag Implementation Guide, CP-IS section): a Flag with a
 * contained Provenance, whose flag-detail is a CarePlan naming the LA's CareTeam, each claiming its England profile.
 */
final class FhirFlags {

    static final String PROFILES = "https://fhir.nhs.uk/England/StructureDefinition/";
    static final String FLAG_PROFILE = PROFILES + "England-Flag-PatientFlag";
    static final String CARE_PLAN_PROFILE = PROFILES + "England-CarePlan-Flag";
    static final String CARE_TEAM_PROFILE = PROFILES + "England-CareTeam-Flag";
    static final String PROVENANCE_PROFILE = PROFILES + "England-Provenance-Flag";
    static final String FLAG_DETAIL = "http://hl7.org/fhir/StructureDefinition/flag-detail";

    private FhirFlags() {}

    /**
     * The Flag, its CarePlan and its CareTeam for one record. Their statuses agree: all current while the plan is
     * open (or ends in the future), all ended ({@code inactive}, {@code completed}, {@code inactive}) once it ended.
     *
     * @param now when this answer is made: the time of the Flag's Provenance, as cpis makes the Flag from the LA's
     *     record when asked (cpis keeps no separate time of the LA's upload per plan)
     */
    static List<Resource> flag(VisibleRecord record, LocalAuthority la, LocalDate today, Instant now) {
        boolean ended = FhirResources.ended(record, today);
        CareTeam team = FhirResources.careTeam(record, la, today);
        team.getMeta().addProfile(CARE_TEAM_PROFILE);

        CarePlan plan = new CarePlan();
        plan.setId(FhirResources.id("careplan", record.id()));
        plan.getMeta().addProfile(CARE_PLAN_PROFILE);
        plan.setStatus(ended ? CarePlan.CarePlanStatus.COMPLETED : CarePlan.CarePlanStatus.ACTIVE);
        plan.setIntent(CarePlan.CarePlanIntent.PLAN);
        plan.addCategory(FhirResources.planCategory(record.planType()));
        plan.setSubject(FhirResources.patient(record.nhsNumber()));
        plan.setPeriod(FhirResources.period(record.startDate(), record.endDate()));
        plan.addCareTeam(new Reference("CareTeam/" + team.getIdElement().getIdPart())
                .setDisplay(FhirResources.laName(record, la)));
        if (record.expectedDeliveryDate() != null) {
            plan.setDescription("Expected delivery date " + record.expectedDeliveryDate());
        }

        Flag flag = new Flag();
        flag.setId(FhirResources.id("flag", record.id()));
        flag.getMeta().addProfile(FLAG_PROFILE);
        flag.addContained(provenance(record, la, now));
        flag.addExtension(
                FLAG_DETAIL,
                new Reference("CarePlan/" + plan.getIdElement().getIdPart())
                        .setDisplay(record.planType().displayName()));
        flag.setStatus(ended ? Flag.FlagStatus.INACTIVE : Flag.FlagStatus.ACTIVE);
        flag.addCategory(FhirResources.planCategory(record.planType()));
        flag.setCode(new CodeableConcept(new Coding(
                FhirResources.FLAG_CATEGORY,
                FhirResources.CPIS_FLAG_CODE,
                "Child Protection Information System Flag")));
        flag.setSubject(FhirResources.patient(record.nhsNumber()));
        flag.setPeriod(FhirResources.period(record.startDate(), record.endDate()));
        return List.of(flag, plan, team);
    }

    /**
     * Where the Flag comes from: the responsible LA's children's social care, which recorded the plan. Its target
     * {@code #} is the Flag that contains it, as in NHS England's example.
     */
    private static Provenance provenance(VisibleRecord record, LocalAuthority la, Instant now) {
        Provenance provenance = new Provenance();
        provenance.setId("provenance");
        provenance.getMeta().addProfile(PROVENANCE_PROFILE);
        provenance.addTarget(new Reference("#"));
        provenance.setRecorded(Date.from(now));
        provenance.setActivity(new CodeableConcept(
                new Coding("http://terminology.hl7.org/CodeSystem/v3-DataOperation", "CREATE", "create")));
        provenance
                .addAgent()
                .setType(new CodeableConcept(new Coding(
                        "http://terminology.hl7.org/CodeSystem/provenance-participant-type", "author", "Author")))
                .setWho(new Reference().setDisplay(FhirResources.laName(record, la) + " children's social care"))
                .setOnBehalfOf(FhirResources.organisation(record, la));
        return provenance;
    }
}
