package org.cpis.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OdsCodeTest {

    @ParameterizedTest
    @ValueSource(strings = {"X24", "RRK01", "E08000025", "ABCDEFGHIJ"})
    void accepts_three_to_ten_upper_case_letters_and_digits(String value) {
        assertThat(OdsCode.of(value).value()).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "AB", "ABCDEFGHIJK", "rrk01", "RRK-01", "RRK 01", "RRK01'"})
    void refuses_anything_else(String value) {
        assertThatThrownBy(() -> OdsCode.of(value)).isInstanceOf(InvalidIdentifierException.class);
    }

    @Test
    void surrounding_whitespace_is_trimmed() {
        assertThat(OdsCode.of(" RRK01 ")).isEqualTo(new OdsCode("RRK01"));
    }
}
