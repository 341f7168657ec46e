package org.cpis.uploads;

import org.cpis.shared.validation.SelectedFile;
import org.springframework.web.multipart.MultipartFile;

/** The browser's upload form: one CSV file. */
record UploadForm(
        @SelectedFile(message = "Select a CSV file") MultipartFile file) {}
