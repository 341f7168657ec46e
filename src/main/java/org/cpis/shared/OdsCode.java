package org.cpis.shared;

import java.io.Serializable;
import java.util.regex.Pattern;

/** Organisation Data Service code of a local authority or health organisation/site: 3-10 upper-case letters and digits. */
public record OdsCode(String value) implements Serializable {

    private static final Pattern FORMAT = Pattern.compile("[A-Z0-9]{3,10}");

    public OdsCode {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new InvalidIdentifierException("ODS code must be 3 to 10 upper-case letters and digits");
        }
    }

    public static OdsCode of(String value) {
        return new OdsCode(value == null ? null : value.trim());
    }

    @Override
    public String toString() {
        return value;
    }
}
