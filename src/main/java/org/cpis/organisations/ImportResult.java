package org.cpis.organisations;

import java.util.List;

/**
 * Outcome of loading a registry file. A file with any invalid line is refused whole, so the registry is never left
 * half-updated; the problems name the line and column, never the line's content.
 */
public record ImportResult(int rows, List<String> problems) {

    public boolean accepted() {
        return problems.isEmpty();
    }
}
