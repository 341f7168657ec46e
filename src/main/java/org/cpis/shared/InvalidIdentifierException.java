package org.cpis.shared;

/** A malformed identifier. Messages say what is wrong, never what the input was. */
public class InvalidIdentifierException extends IllegalArgumentException {

    public InvalidIdentifierException(String message) {
        super(message);
    }
}
