package org.cpis.uploads;

import java.util.Arrays;
import java.util.Optional;

/** The columns of the upload CSV (docs/interfaces.md section 3), with the longest value each accepts. */
enum UploadColumn {
    NHS_NUMBER("nhs_number", true, 12),
    LOCAL_ID("local_id", false, 50),
    FAMILY_NAME("family_name", true, 100),
    GIVEN_NAMES("given_names", true, 100),
    DATE_OF_BIRTH("date_of_birth", true, 10),
    PLAN_TYPE("plan_type", true, 4),
    START_DATE("start_date", true, 10),
    END_DATE("end_date", false, 10),
    DELETE_DATE("delete_date", false, 10),
    EXPECTED_DELIVERY_DATE("expected_delivery_date", false, 10),
    MOTHER_NHS_NUMBER("mother_nhs_number", false, 12),
    ALLOCATED_WORKER("allocated_worker", false, 254);

    private final String header;
    private final boolean requiredInHeader;
    private final int maxLength;

    UploadColumn(String header, boolean requiredInHeader, int maxLength) {
        this.header = header;
        this.requiredInHeader = requiredInHeader;
        this.maxLength = maxLength;
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
