package org.cpis.uploads;

/** The closed list of reasons a line of an upload is rejected (docs/interfaces.md, section 3). */
public enum RejectionReason {
    INVALID_NHS_NUMBER,
    MISSING_FIELD,
    INVALID_DATE,
    END_BEFORE_START,
    START_IN_FUTURE,
    UNKNOWN_PLAN_TYPE,
    EXPECTED_DELIVERY_DATE_REQUIRED,
    AGED_18_OR_OVER,
    DUPLICATE_IN_FILE,
    /** The line has more or fewer fields than the header. */
    WRONG_NUMBER_OF_FIELDS,
    /** A field is longer than its column allows. */
    FIELD_TOO_LONG,
    /** A field holds control characters, or bytes that are not UTF-8. */
    INVALID_CHARACTERS,
    /** allocated_worker is not an e-mail address. */
    INVALID_EMAIL,
    /** expected_delivery_date on a CPP/LAC row, or mother_nhs_number on a UCPP row. */
    FIELD_NOT_ALLOWED
}
