package org.cpis.uploads;

/** Why a whole file could not be read as the upload CSV (status MALFORMED). */
public enum MalformedProblem {
    EMPTY_FILE,
    NOT_CSV,
    UNKNOWN_COLUMN,
    MISSING_COLUMN,
    DUPLICATE_COLUMN
}
