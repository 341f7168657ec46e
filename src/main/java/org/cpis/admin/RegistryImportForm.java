package org.cpis.admin;

import jakarta.validation.constraints.NotNull;
import org.cpis.shared.validation.SelectedFile;
import org.springframework.web.multipart.MultipartFile;

/** The administrator's registry file and what it holds (request parameters {@code kind} and {@code file}). */
record RegistryImportForm(
        @NotNull(message = "Select what the file holds") Kind kind,
        @SelectedFile(message = "Select a CSV file") MultipartFile file) {

    /** The operator's two registry files (docs/operations.md). */
    enum Kind {
        LOCAL_AUTHORITIES,
        CARE_SETTINGS
    }
}
