package org.cpis.lookup;

import jakarta.validation.constraints.NotBlank;
import org.cpis.shared.validation.DateInput;
import org.cpis.shared.validation.ValidDateInput;
import org.cpis.shared.validation.ValidNhsNumber;

/**
 * The clinician's check as typed (request parameters {@code nhsNumber}, {@code dob.day}, {@code dob.month},
 * {@code dob.year}), echoed back into the form when it has errors.
 */
record LookupForm(
        @NotBlank(message = "Enter a 10-digit NHS number") @ValidNhsNumber
        String nhsNumber,

        @ValidDateInput(name = "Date of birth", notInFuture = true)
        DateInput dob) {

    /** The fields in page order, for the error summary. */
    static final String[] FIELDS = {"nhsNumber", "dob.day", "dob.month", "dob.year"};

    static final LookupForm EMPTY = new LookupForm("", DateInput.EMPTY);

    LookupForm {
        nhsNumber = nhsNumber == null ? "" : nhsNumber.strip();
        dob = dob == null ? DateInput.EMPTY : dob;
    }
}
