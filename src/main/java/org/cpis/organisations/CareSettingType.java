package org.cpis.organisations;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where a health professional works. Unscheduled settings are the ones CP-IS exists for: an access from one of them
 * notifies the local authority. Scheduled settings read silently (NHS England CP-IS: "silent access").
 */
public enum CareSettingType {
    EMERGENCY_DEPARTMENT("Emergency department", true),
    WALK_IN_CENTRE("Walk-in centre", true),
    MINOR_INJURIES_UNIT("Minor injuries unit", true),
    URGENT_TREATMENT_CENTRE("Urgent treatment centre", true),
    GP_OUT_OF_HOURS("GP out of hours", true),
    AMBULANCE("Ambulance service", true),
    NHS_111("NHS 111", true),
    MATERNITY("Maternity unit", true),
    PAEDIATRIC_WARD("Paediatric ward", true),
    GP_PRACTICE("GP practice", false),
    HEALTH_VISITING("Health visiting", false),
    SCHOOL_NURSING("School nursing", false),
    CAMHS("Child and adolescent mental health services", false),
    COMMUNITY_PAEDIATRICS("Community paediatrics", false),
    DENTISTRY("Dentistry", false),
    SEXUAL_HEALTH("Sexual health", false);

    private final String displayName;
    private final boolean unscheduled;

    CareSettingType(String displayName, boolean unscheduled) {
        this.displayName = displayName;
        this.unscheduled = unscheduled;
    }

    public String displayName() {
        return displayName;
    }

    public boolean unscheduled() {
        return unscheduled;
    }

    public static Optional<CareSettingType> fromCode(String code) {
        return Arrays.stream(values()).filter(t -> t.name().equals(code)).findFirst();
    }
}
