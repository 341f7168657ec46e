package org.cpis.uploads;

/** Why a whole file could not be read as the upload CSV (status MALFORMED). */
public enum MalformedProblem {
    EMPTY_FILE,
    NOT_CSV,
    UNKNOWN_COLUMN,
    MISSING_COLUMN,
    DUPLICATE_COLUMN,
    /** An HL7 v3 file (MESH) that is not a readable REPC_MT000002GB01 upload: answered with CPF01. */
    NOT_HL7V3
}
