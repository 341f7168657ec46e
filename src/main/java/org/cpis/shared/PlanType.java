package org.cpis.shared;

import java.util.Optional;

/** The three kinds of plan CP-IS carries, with the SNOMED CT concept NHS England's CP-IS API uses for each. */
public enum PlanType {
    /** Child protection plan (Children Act 1989 s47 enquiry outcome). */
    CPP("342191000000101", "Child protection plan"),
    /** Looked-after child: s31 full care order, s38 interim care order or s20 voluntary accommodation. */
    LAC("764841000000100", "Looked-after child"),
    /** Unborn child protection plan, held on the mother's NHS number. */
    UCPP("818901000000100", "Unborn child protection plan");

    public static final String SNOMED_SYSTEM = "http://snomed.info/sct";

    private final String snomedCode;
    private final String displayName;

    PlanType(String snomedCode, String displayName) {
        this.snomedCode = snomedCode;
        this.displayName = displayName;
    }

    public String snomedCode() {
        return snomedCode;
    }

    public String displayName() {
        return displayName;
    }

    /**
     * Exact code as the upload format and API use it ("CPP", "LAC", "UCPP"); anything else is empty. Called once per
     * line of an upload, so a plain loop over a cached array rather than a stream.
     */
    public static Optional<PlanType> fromCode(String code) {
        for (PlanType type : VALUES) {
            if (type.name().equals(code)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    public static Optional<PlanType> fromSnomedCode(String code) {
        for (PlanType type : VALUES) {
            if (type.snomedCode.equals(code)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    private static final PlanType[] VALUES = values();
}
