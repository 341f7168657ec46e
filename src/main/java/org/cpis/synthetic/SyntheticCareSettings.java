package org.cpis.synthetic;

import java.io.StringReader;
import java.util.List;
import java.util.Locale;
import org.cpis.organisations.CareSettingType;
import org.cpis.organisations.ImportResult;
import org.cpis.organisations.Organisations;

/**
 * Synthetic health settings up to the wanted number, through the registry's own CSV import (the operator's route),
 * with codes {@code XS0001}... that no seed or real ODS code uses. Half are GP practices, as in England.
 */
final class SyntheticCareSettings {

    private static final List<CareSettingType> MIX = List.of(
            CareSettingType.GP_PRACTICE,
            CareSettingType.GP_PRACTICE,
            CareSettingType.GP_PRACTICE,
            CareSettingType.GP_PRACTICE,
            CareSettingType.GP_PRACTICE,
            CareSettingType.EMERGENCY_DEPARTMENT,
            CareSettingType.URGENT_TREATMENT_CENTRE,
            CareSettingType.MINOR_INJURIES_UNIT,
            CareSettingType.WALK_IN_CENTRE,
            CareSettingType.GP_OUT_OF_HOURS,
            CareSettingType.MATERNITY,
            CareSettingType.PAEDIATRIC_WARD,
            CareSettingType.HEALTH_VISITING,
            CareSettingType.SCHOOL_NURSING,
            CareSettingType.CAMHS,
            CareSettingType.COMMUNITY_PAEDIATRICS,
            CareSettingType.DENTISTRY,
            CareSettingType.SEXUAL_HEALTH,
            CareSettingType.AMBULANCE,
            CareSettingType.NHS_111);

    private SyntheticCareSettings() {}

    /** Adds settings until the registry holds {@code wanted} health organisations; returns how many were added. */
    static int addUpTo(Organisations organisations, int existing, int wanted) {
        int missing = wanted - existing;
        if (missing <= 0) {
            return 0;
        }
        StringBuilder csv = new StringBuilder("ods_code,name,care_setting_type,phone\n");
        for (int i = 1; i <= missing; i++) {
            CareSettingType type = MIX.get(i % MIX.size());
            csv.append(String.format(
                    Locale.ROOT,
                    "XS%04d,Synthetic %s %04d,%s,020 7946 0%03d%n",
                    i,
                    type.displayName(),
                    i,
                    type.name(),
                    i % 1000));
        }
        ImportResult result = organisations.importCareSettings(new StringReader(csv.toString()));
        if (!result.accepted()) {
            throw new IllegalStateException("synthetic care settings refused: " + result.problems());
        }
        return missing;
    }
}
