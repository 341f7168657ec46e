package org.cpis.reports;

import java.util.Comparator;
import java.util.Map;
import org.cpis.shared.OdsCode;

/** Local authorities' names for the reports, by ODS code; a code no longer registered shows as itself. */
record LaNames(Map<OdsCode, String> names) {

    String name(OdsCode la) {
        return names.getOrDefault(la, la.value());
    }

    Comparator<OdsCode> byName() {
        return Comparator.comparing(this::name).thenComparing(OdsCode::value);
    }
}
