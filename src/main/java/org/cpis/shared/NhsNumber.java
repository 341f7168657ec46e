package org.cpis.shared;

import java.util.Objects;
import org.cpis.shared.web.ViewFormat;

/**
 * A 10-digit NHS number whose last digit is a valid Modulus 11 check digit. Spaces are accepted on input
 * ("943 476 5919"); the value is always held and emitted as 10 digits. {@link #toString()} masks it so that
 * an NHS number that slips into a log line or an exception message does not identify a child.
 */
public final class NhsNumber {

    private final String digits;

    private NhsNumber(String digits) {
        this.digits = digits;
    }

    /** @throws InvalidIdentifierException without echoing the input, which may be personal data */
    public static NhsNumber of(String input) {
        if (input == null) {
            throw new InvalidIdentifierException("NHS number is missing");
        }
        String digits = input.replace(" ", "");
        if (digits.length() != 10) {
            throw new InvalidIdentifierException("NHS number must have 10 digits");
        }
        for (int i = 0; i < 10; i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                throw new InvalidIdentifierException("NHS number must have 10 digits");
            }
        }
        Integer check = checkDigit(digits.substring(0, 9));
        if (check == null || check != digits.charAt(9) - '0') {
            throw new InvalidIdentifierException("NHS number check digit is wrong");
        }
        return new NhsNumber(digits);
    }

    public static boolean isValid(String input) {
        try {
            of(input);
            return true;
        } catch (InvalidIdentifierException e) {
            return false;
        }
    }

    /**
     * Modulus 11 as NHS Digital defines it: weights 10..2 on the first nine digits, 11 - (sum mod 11); a result of
     * 11 means a check digit of 0 and a result of 10 means no valid NHS number has these nine digits.
     *
     * @return the check digit, or null when these nine digits can never form a valid NHS number
     */
    static Integer checkDigit(String firstNine) {
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (firstNine.charAt(i) - '0') * (10 - i);
        }
        int check = 11 - (sum % 11);
        if (check == 11) {
            return 0;
        }
        return check == 10 ? null : check;
    }

    public String value() {
        return digits;
    }

    /** "999 000 0077" — for display to an authorised user, never for logs. */
    public String formatted() {
        return ViewFormat.nhsNumber(digits);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NhsNumber other && other.digits.equals(digits);
    }

    @Override
    public int hashCode() {
        return Objects.hash(digits);
    }

    /** Masked: only the last three digits, as on a receipt. */
    @Override
    public String toString() {
        return "NhsNumber[*******" + digits.substring(7) + "]";
    }
}
