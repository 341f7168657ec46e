package org.cpis.uploads;

public enum UploadStatus {
    ALL_LOADED,
    PARTIALLY_LOADED,
    NONE_LOADED,
    MALFORMED
}
