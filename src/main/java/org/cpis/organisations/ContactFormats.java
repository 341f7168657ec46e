package org.cpis.organisations;

/** The formats the registry accepts for phone numbers and mailboxes, for its files and the pages that edit it. */
public final class ContactFormats {

    /** Digits and spaces, an optional leading +: "0121 303 1888", "+44 121 303 1888". */
    public static final String PHONE = "\\+?[0-9][0-9 ]{5,19}";

    /** One @, no spaces, a dot in the domain; at most 254 characters in all. */
    public static final String EMAIL = "[^@\\s]{1,64}@[^@\\s]{1,189}\\.[^@\\s]{1,63}";

    private ContactFormats() {}
}
