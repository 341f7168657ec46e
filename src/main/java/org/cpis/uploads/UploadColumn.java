package org.cpis.uploads;

import java.util.Arrays;
import java.util.Optional;

/** The columns of the upload CSV (docs/interfaces.md section 3), with the longest value each accepts. */
enum UploadColumn {
    NHS_NUMBER("nhs_number", true, 12, RejectionReason.INVALID_NHS_NUMBER),
    LOCAL_ID("local_id", false, 50, RejectionReason.FIELD_TOO_LONG),
    FAMILY_NAME("family_name", true, 100, RejectionReason.FIELD_TOO_LONG),
    GIVEN_NAMES("given_names", true, 100, RejectionReason.FIELD_TOO_LONG),
    DATE_OF_BIRTH("date_of_birth", true, 10, RejectionReason.INVALID_DATE),
    PLAN_TYPE("plan_type", true, 4, RejectionReason.UNKNOWN_PLAN_TYPE),
    START_DATE("start_date", true, 10, RejectionReason.INVALID_DATE),
    END_DATE("end_date", false, 10, RejectionReason.INVALID_DATE),
    DELETE_DATE("delete_date", false, 10, RejectionReason.INVALID_DATE),
    EXPECTED_DELIVERY_DATE("expected_delivery_date", false, 10, RejectionReason.INVALID_DATE),
    MOTHER_NHS_NUMBER("mother_nhs_number", false, 12, RejectionReason.INVALID_NHS_NUMBER),
    ALLOCATED_WORKER("allocated_worker", false, 254, RejectionReason.FIELD_TOO_LONG);

    private final String header;
    private final boolean requiredInHeader;
    private final int maxLength;
    private final RejectionReason whenTooLong;

    UploadColumn(String header, boolean requiredInHeader, int maxLength, RejectionReason whenTooLong) {
        this.header = header;
        this.requiredInHeader = requiredInHeader;
        this.maxLength = maxLength;
        this.whenTooLong = whenTooLong;
    }

    /** An over-long date is simply not a date, an over-long NHS number not an NHS number. */
    RejectionReason whenTooLong() {
        return whenTooLong;
    }

    String header() {
        return header;
    }

    boolean requiredInHeader() {
        return requiredInHeader;
    }

    int maxLength() {
        return maxLength;
    }

    static Optional<UploadColumn> fromHeader(String name) {
        return Arrays.stream(values()).filter(c -> c.header.equals(name)).findFirst();
    }
}
