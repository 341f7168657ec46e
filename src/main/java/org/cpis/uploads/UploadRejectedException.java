package org.cpis.uploads;

/** An upload refused before anything was loaded or acknowledged; the message is safe to show the sender. */
public class UploadRejectedException extends RuntimeException {

    public enum Kind {
        SEQUENCE_TOO_LOW,
        /** Below 1 or above {@link Uploads#MAX_SEQUENCE}. */
        SEQUENCE_OUT_OF_RANGE,
        /** The browser's next sequence would pass {@link Uploads#MAX_SEQUENCE}; an administrator resets the counter. */
        SEQUENCE_EXHAUSTED,
        TOO_LARGE
    }

    private final Kind kind;

    public UploadRejectedException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
