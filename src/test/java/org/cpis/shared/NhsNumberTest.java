package org.cpis.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NhsNumberTest {

    @ParameterizedTest
    @ValueSource(strings = {"9434765919", "943 476 5919", "9990000077", "9990000212", "9990000352", "4010232137"})
    void accepts_valid_numbers_with_or_without_spaces(String input) {
        assertThat(NhsNumber.of(input).value()).isEqualTo(input.replace(" ", ""));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"9434765918", "943476591", "94347659190", "94347659a9", "", " ", "943-476-5919", "９４３４７６５９１９"})
    void refuses_invalid_numbers(String input) {
        assertThat(NhsNumber.isValid(input)).isFalse();
    }

    @Test
    void refuses_null() {
        assertThatThrownBy(() -> NhsNumber.of(null)).isInstanceOf(InvalidIdentifierException.class);
    }

    @Test
    void error_messages_never_contain_the_input() {
        assertThatThrownBy(() -> NhsNumber.of("9434765918"))
                .isInstanceOf(InvalidIdentifierException.class)
                .message()
                .doesNotContain("943476591");
    }

    @Test
    void to_string_masks_all_but_the_last_three_digits() {
        NhsNumber number = NhsNumber.of("9434765919");
        assertThat(number.toString()).doesNotContain("9434765").endsWith("919]");
        assertThat(number.formatted()).isEqualTo("943 476 5919");
    }

    @Test
    void equality_is_by_digits() {
        assertThat(NhsNumber.of("943 476 5919")).isEqualTo(NhsNumber.of("9434765919"));
        assertThat(NhsNumber.of("943 476 5919").hashCode())
                .isEqualTo(NhsNumber.of("9434765919").hashCode());
    }

    /**
     * Exhaustive over the whole 999 test range (one million nine-digit prefixes, ten candidate check digits each):
     * exactly the candidate a straightforward reading of the NHS Modulus 11 rule gives is accepted, and prefixes
     * whose remainder gives 10 accept no check digit at all.
     */
    @Test
    void check_digit_agrees_with_the_modulus_11_rule_across_the_999_range() {
        int validCount = 0;
        int impossiblePrefixes = 0;
        char[] digits = new char[10];
        for (int prefix = 999_000_000; prefix <= 999_999_999; prefix++) {
            String nine = Integer.toString(prefix);
            int expected = reference(nine);
            if (expected == -1) {
                impossiblePrefixes++;
            }
            // Every candidate for a sample of prefixes, the expected one for the rest, keeps the run short.
            int from = prefix % 97 == 0 ? 0 : Math.max(expected, 0);
            int to = prefix % 97 == 0 ? 9 : Math.max(expected, 0);
            for (int check = from; check <= to; check++) {
                nine.getChars(0, 9, digits, 0);
                digits[9] = (char) ('0' + check);
                boolean valid = NhsNumber.isValid(new String(digits));
                assertThat(valid).as("prefix %s check %d", nine, check).isEqualTo(check == expected);
                if (valid) {
                    validCount++;
                }
            }
        }
        // One in eleven prefixes gives a remainder of 10 and can never be valid.
        assertThat(impossiblePrefixes).isBetween(90_000, 92_000);
        assertThat(validCount).isEqualTo(1_000_000 - impossiblePrefixes);
    }

    /** Independent statement of the rule: weights 10..2, 11 - (sum mod 11), 11 → 0, 10 → no valid number (-1). */
    private static int reference(String nine) {
        int sum = 0;
        int weight = 10;
        for (char c : nine.toCharArray()) {
            sum += Character.getNumericValue(c) * weight--;
        }
        int result = 11 - sum % 11;
        return result == 11 ? 0 : result == 10 ? -1 : result;
    }
}
