package org.cpis.workbench;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.cpis.notifications.Notification;

/**
 * A notification's review: whether the health setting was contacted, the social-care outcome note, and whether to
 * close it ({@code action=close}) or only save it. Line endings count once, as the browser's character count shows them.
 */
record ReviewForm(
        @NotNull(message = ReviewForm.CONTACTED) @Pattern(regexp = "yes|no", message = ReviewForm.CONTACTED)
        String contacted,

        @Size(max = ReviewForm.NOTE_MAX, message = "Outcome must be 2000 characters or fewer")
        String outcome,

        String action) {

    static final int NOTE_MAX = 2000;
    static final String CONTACTED = "Select yes if you have contacted the health setting";

    ReviewForm {
        outcome = outcome == null ? "" : outcome.replace("\r\n", "\n").strip();
    }

    /** The review stored so far, to carry on with. */
    static ReviewForm of(Notification n) {
        String contacted = n.contactedSetting() == null ? "" : n.contactedSetting() ? "yes" : "no";
        return new ReviewForm(contacted, n.outcomeNote(), null);
    }

    public boolean yes() {
        return "yes".equals(contacted);
    }

    public boolean no() {
        return "no".equals(contacted);
    }

    boolean close() {
        return "close".equals(action);
    }
}
