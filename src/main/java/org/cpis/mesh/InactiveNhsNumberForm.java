package org.cpis.mesh;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.cpis.shared.validation.ValidNhsNumber;

/** The administrator's form: the number, what PDS would say of it, and the new number when superseded. */
record InactiveNhsNumberForm(
        @NotBlank(message = "Enter a 10-digit NHS number") @ValidNhsNumber
        String nhsNumber,

        @NotNull(message = "Select superseded or inactive") InactiveNhsNumbers.Status status,

        @ValidNhsNumber(message = "Enter a valid new NHS number", formatMessage = "Enter a 10-digit new NHS number")
        String newNhsNumber) {

    static InactiveNhsNumberForm empty() {
        return new InactiveNhsNumberForm("", null, "");
    }
}
