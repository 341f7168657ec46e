package org.cpis.records;

import jakarta.validation.constraints.Size;

/** The records page's search (request parameters {@code q} and {@code page}): an NHS number or a local ID. */
record RecordSearchForm(
        @Size(max = 50, message = "Enter an NHS number or a local ID of 50 characters or fewer")
        String q,

        String page) {

    RecordSearchForm {
        q = q == null ? "" : q.strip();
    }

    /** The page of results, from 1: one that is missing, not a number or below 1 is the first. */
    int pageNumber() {
        try {
            return Math.max(1, Integer.parseInt(page == null ? "" : page.strip()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
