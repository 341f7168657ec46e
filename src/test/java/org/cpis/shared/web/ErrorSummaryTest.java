package org.cpis.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.validation.MapBindingResult;

class ErrorSummaryTest {

    @Test
    void each_message_once_in_page_order_linked_to_its_first_field() {
        MapBindingResult result = new MapBindingResult(new java.util.HashMap<>(), "form");
        result.rejectValue("dob.year", "x", "Enter a real date of birth");
        result.rejectValue("dob.day", "x", "Enter a real date of birth");
        result.rejectValue("nhsNumber", "x", "Enter a valid NHS number");
        result.reject("x", "Something else");

        ErrorSummary errors = ErrorSummary.of(result, "nhsNumber", "dob.day", "dob.month", "dob.year");

        assertThat(errors.any()).isTrue();
        assertThat(errors.all())
                .containsExactly(
                        new FieldError("Enter a valid NHS number", "#nhs-number"),
                        new FieldError("Enter a real date of birth", "#dob-day"),
                        new FieldError("Something else", null));
        assertThat(errors.has("dob.year")).isTrue();
        assertThat(errors.has("dob.month")).isFalse();
        assertThat(errors.message("dob.month", "dob.year")).isEqualTo("Enter a real date of birth");
        assertThat(ErrorSummary.NONE.any()).isFalse();
    }
}
