package org.cpis.workbench;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.cpis.shared.web.FieldError;
import org.springframework.validation.BindingResult;

/**
 * The duty team's bulk close: the notifications ticked, the outcome recorded on each of them (required: a notification
 * is never closed without saying what social care did), and the list to go back to.
 *
 * @param ids as ticked; what is not a notification id is left out
 */
record CloseForm(
        List<String> ids,

        @NotBlank(message = "Enter the outcome for the notifications you are closing")
        @Size(max = ReviewForm.NOTE_MAX, message = "Outcome must be 2000 characters or fewer")
        String note,

        String view,
        String q) {

    static final int BULK_MAX = 100;

    CloseForm {
        ids = ids == null ? List.of() : ids;
        note = note == null ? "" : note.strip();
    }

    List<UUID> selected() {
        return ids.stream()
                .map(CloseForm::uuid)
                .flatMap(Optional::stream)
                .distinct()
                .toList();
    }

    /** The ticked boxes, to tick them again when the form has errors. */
    Set<String> checked() {
        return new LinkedHashSet<>(ids);
    }

    @AssertTrue(message = "Select the notifications to close")
    public boolean isAnySelected() {
        return !selected().isEmpty();
    }

    @AssertTrue(message = "Select " + BULK_MAX + " notifications or fewer")
    public boolean isFewEnough() {
        return selected().size() <= BULK_MAX;
    }

    /** The one problem shown, the first in this order; null if none. A selection error links to the list. */
    static FieldError error(BindingResult result) {
        FieldError selection = FieldError.of(result, null, "anySelected", "fewEnough");
        return selection != null ? selection : FieldError.of(result, "#note", "note");
    }

    static Optional<UUID> uuid(String value) {
        try {
            return Optional.of(UUID.fromString(value.strip()));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
