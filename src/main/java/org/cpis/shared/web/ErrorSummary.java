package org.cpis.shared.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.validation.BindingResult;
import org.springframework.validation.ObjectError;

/**
 * A form's problems as NHS.UK pages show them (fragments/errors.html): the error summary lists each message once,
 * linked to the first field in page order that has it, and each field shows its own message. A field's element id is
 * its path in kebab case ({@code nhsNumber} is {@code #nhs-number}, {@code dob.day} is {@code #dob-day}).
 */
public final class ErrorSummary {

    public static final ErrorSummary NONE = new ErrorSummary(List.of(), Map.of());

    static final String INVALID_VALUE = "Enter a valid value";

    private final List<FieldError> all;
    private final Map<String, String> messages;

    private ErrorSummary(List<FieldError> all, Map<String, String> messages) {
        this.all = all;
        this.messages = messages;
    }

    /**
     * @param fieldsInPageOrder the form's fields as the page lays them out; errors on other fields follow, and errors on
     *     the whole form come last, unlinked
     */
    public static ErrorSummary of(BindingResult result, String... fieldsInPageOrder) {
        Map<String, String> messages = new LinkedHashMap<>();
        for (String field : fieldsInPageOrder) {
            org.springframework.validation.FieldError error = result.getFieldError(field);
            if (error != null) {
                messages.put(field, message(error));
            }
        }
        for (org.springframework.validation.FieldError error : result.getFieldErrors()) {
            messages.putIfAbsent(error.getField(), message(error));
        }
        Set<String> listed = new LinkedHashSet<>();
        List<FieldError> all = new ArrayList<>();
        messages.forEach((field, message) -> {
            if (listed.add(message)) {
                all.add(new FieldError(message, "#" + elementId(field)));
            }
        });
        for (ObjectError error : result.getGlobalErrors()) {
            if (listed.add(error.getDefaultMessage())) {
                all.add(new FieldError(error.getDefaultMessage(), null));
            }
        }
        return new ErrorSummary(List.copyOf(all), Map.copyOf(messages));
    }

    /** A value the form could not even convert (not one the page offers) gets a plain message, not the framework's. */
    private static String message(org.springframework.validation.FieldError error) {
        return error.isBindingFailure() ? INVALID_VALUE : error.getDefaultMessage();
    }

    public boolean any() {
        return !all.isEmpty();
    }

    public List<FieldError> all() {
        return all;
    }

    public boolean has(String field) {
        return messages.containsKey(field);
    }

    /** The message to show by a field, or by a group of fields (a date's parts): the first one's; null if none. */
    public String message(String... fields) {
        for (String field : fields) {
            String message = messages.get(field);
            if (message != null) {
                return message;
            }
        }
        return null;
    }

    static String elementId(String field) {
        StringBuilder id = new StringBuilder(field.length() + 4);
        for (char c : field.toCharArray()) {
            if (Character.isUpperCase(c)) {
                id.append('-').append(Character.toLowerCase(c));
            } else {
                id.append(c == '.' ? '-' : c);
            }
        }
        return id.toString();
    }
}
