package org.cpis.shared.validation;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.web.multipart.MultipartFile;
import testsupport.TestNhsNumbers;

/** The shared form constraints on their own, with plain Bean Validation and a fixed clock. */
class FormConstraintsTest {

    static final LocalDate TODAY = LocalDate.of(2026, 3, 4);

    static final ValidatorFactory factory = Validation.byDefaultProvider()
            .configure()
            .clockProvider(() -> Clock.fixed(TODAY.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC))
            .buildValidatorFactory();

    static final Validator validator = factory.getValidator();

    record Form(
            @ValidNhsNumber String nhsNumber,

            @ValidDateInput(name = "Date of birth", notInFuture = true)
            DateInput dob,

            @SelectedFile MultipartFile file) {}

    @AfterAll
    static void close() {
        factory.close();
    }

    /** Property path to message. */
    private static Map<String, String> problems(Form form) {
        Map<String, String> problems = new TreeMap<>();
        for (ConstraintViolation<Form> v : validator.validate(form)) {
            problems.put(v.getPropertyPath().toString(), v.getMessage());
        }
        return problems;
    }

    private static Form form(String nhsNumber, DateInput dob) {
        return new Form(nhsNumber, dob, new MockMultipartFile("file", "a.csv", "text/csv", new byte[] {1}));
    }

    @Test
    void nhs_numbers_have_one_message_per_problem_and_blank_is_left_to_not_blank() {
        String valid = TestNhsNumbers.next();
        assertThat(problems(form(valid, null))).isEmpty();
        assertThat(problems(form(valid.substring(0, 3) + " " + valid.substring(3), null)))
                .isEmpty();
        assertThat(problems(form("", null))).isEmpty();
        assertThat(problems(form("943 476 5918", null)))
                .containsExactly(Map.entry("nhsNumber", "Enter a valid NHS number"));
        assertThat(problems(form("943-476-5919", null)))
                .containsExactly(Map.entry("nhsNumber", "Enter a 10-digit NHS number"));
    }

    @Test
    void date_inputs_report_each_part_to_highlight() {
        String nhs = TestNhsNumbers.next();
        assertThat(problems(form(nhs, DateInput.EMPTY))).isEmpty();
        assertThat(problems(form(nhs, new DateInput(" 4 ", "3", "2026")))).isEmpty();
        assertThat(problems(form(nhs, new DateInput("5", "3", "2026"))))
                .containsOnlyKeys("dob.day", "dob.month", "dob.year")
                .containsValue("Date of birth must be today or in the past");
        assertThat(problems(form(nhs, new DateInput("", "3", ""))))
                .containsExactly(
                        Map.entry("dob.day", "Date of birth must include a day and year"),
                        Map.entry("dob.year", "Date of birth must include a day and year"));
        assertThat(problems(form(nhs, new DateInput("1", "1", "1899"))))
                .containsValue("Enter a real date of birth")
                .hasSize(3);
        assertThat(problems(form(nhs, new DateInput("1", "1", "99"))))
                .containsExactly(Map.entry("dob.year", "Year must include 4 numbers"));
        assertThat(new DateInput("29", "2", "2024").toLocalDate()).isEqualTo(LocalDate.of(2024, 2, 29));
    }

    @Test
    void a_file_must_be_chosen_and_hold_something() {
        String nhs = TestNhsNumbers.next();
        assertThat(problems(new Form(nhs, null, null))).containsExactly(Map.entry("file", "Select a file"));
        assertThat(problems(new Form(nhs, null, new MockMultipartFile("file", "", null, new byte[0]))))
                .containsExactly(Map.entry("file", "Select a file"));
        assertThat(problems(new Form(nhs, null, new MockMultipartFile("file", "a.csv", null, new byte[0]))))
                .containsExactly(Map.entry("file", "The selected file is empty"));
    }
}
