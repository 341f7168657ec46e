package org.cpis.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The NHS number parser accepts exactly the ten-digit numbers (spaces allowed) whose modulus 11 check digit holds,
 * never echoes its input and never fails otherwise. Regression inputs in every build; {@code JAZZER_FUZZ=1 ./mvnw -o
 * surefire:test@fuzz-tests -Dtest=NhsNumberFuzzTest} fuzzes (docs/benchmarks.md).
 */
class NhsNumberFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void parses_exactly_the_valid_numbers_and_never_echoes_the_input(String input) {
        boolean valid = validByTheStandard(input);
        assertThat(NhsNumber.isValid(input)).isEqualTo(valid);
        if (input == null) {
            assertThat(valid).isFalse();
            assertThat(catchThrowableOfType(InvalidIdentifierException.class, () -> NhsNumber.of(null)))
                    .isNotNull();
            return;
        }
        if (valid) {
            NhsNumber number = NhsNumber.of(input);
            assertThat(number.value()).isEqualTo(input.replace(" ", ""));
            assertThat(number.toString()).doesNotContain(number.value());
        } else {
            InvalidIdentifierException refused =
                    catchThrowableOfType(InvalidIdentifierException.class, () -> NhsNumber.of(input));
            assertThat(refused).isNotNull();
            String digits = input.replace(" ", "");
            if (digits.length() >= 4) {
                assertThat(refused.getMessage()).doesNotContain(digits);
            }
        }
    }

    /** NHS Data Dictionary: weights 10..2 over the first nine digits; 11 - (sum mod 11), 11 → 0, 10 → invalid. */
    private static boolean validByTheStandard(String input) {
        if (input == null) {
            return false;
        }
        String digits = input.replace(" ", "");
        if (!digits.matches("[0-9]{10}")) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (digits.charAt(i) - '0') * (10 - i);
        }
        int check = 11 - sum % 11;
        if (check == 11) {
            check = 0;
        }
        return check != 10 && check == digits.charAt(9) - '0';
    }
}
