package org.cpis.shared.web;

import java.util.ArrayList;
import java.util.List;
import org.springframework.validation.BindingResult;

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

    /**
     * The first message Bean Validation gave for any of these fields of a bound form, linked to {@code href}; null if
     * they are all right. Several fields (a value and a rule about it) can share one place on the page.
     */
    public static FieldError of(BindingResult result, String href, String... fields) {
        for (String field : fields) {
            org.springframework.validation.FieldError error = result.getFieldError(field);
            if (error != null) {
                return new FieldError(error.getDefaultMessage(), href);
            }
        }
        return null;
    }
}
