package org.cpis.shared.web;

import java.util.ArrayList;
import java.util.List;

/**
 * One problem with a form, as the NHS.UK error summary lists it (fragments/error-summary.html): the message and the
 * link to the field ({@code #id}, or null when no single field is at fault).
 */
public record FieldError(String message, String href) {

    /** The problems that are present, in the order the fields appear on the page. */
    public static List<FieldError> present(FieldError... errors) {
        List<FieldError> present = new ArrayList<>(errors.length);
        for (FieldError error : errors) {
            if (error != null) {
                present.add(error);
            }
        }
        return present;
    }
}
