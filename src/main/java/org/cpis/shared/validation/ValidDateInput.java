package org.cpis.shared.validation;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cpis.shared.EnglandDate;

/**
 * An optional {@link DateInput} checked as the NHS.UK design system asks: all three parts or none, numbers only, a
 * four-digit year, a real date, and (with {@link #notInFuture()}) not after today in England, read from the Bean
 * Validation clock (the application's clock, see {@code ValidationClockConfiguration}). Each problem is reported on the
 * parts to highlight ({@code day}, {@code month}, {@code year}), all with the same message.
 */
@Documented
@Constraint(validatedBy = ValidDateInput.Validator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
public @interface ValidDateInput {

    /** How messages name the date, capitalised: "Date of birth". */
    String name();

    boolean notInFuture() default false;

    int earliestYear() default 1900;

    String message() default "";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ValidDateInput, DateInput> {

        private static final List<String> ALL = List.of("day", "month", "year");

        private ValidDateInput rule;

        @Override
        public void initialize(ValidDateInput annotation) {
            rule = annotation;
        }

        @Override
        public boolean isValid(DateInput input, ConstraintValidatorContext context) {
            if (input == null || input.blank()) {
                return true;
            }
            Problem problem =
                    problem(input, EnglandDate.today(context.getClockProvider().getClock()));
            if (problem == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            for (String part : problem.parts()) {
                context.buildConstraintViolationWithTemplate(Messages.literal(problem.message()))
                        .addPropertyNode(part)
                        .addConstraintViolation();
            }
            return false;
        }

        private record Problem(String message, List<String> parts) {}

        private Problem problem(DateInput input, LocalDate today) {
            List<String> missing = new ArrayList<>();
            addIf(input.day().isEmpty(), "day", missing);
            addIf(input.month().isEmpty(), "month", missing);
            addIf(input.year().isEmpty(), "year", missing);
            if (!missing.isEmpty()) {
                return new Problem(rule.name() + " must include a " + String.join(" and ", missing), missing);
            }
            Problem notReal = new Problem("Enter a real " + rule.name().toLowerCase(Locale.UK), ALL);
            if (!input.day().matches("[0-9]{1,2}")
                    || !input.month().matches("[0-9]{1,2}")
                    || !input.year().matches("[0-9]+")) {
                return notReal;
            }
            if (input.year().length() != 4) {
                return new Problem("Year must include 4 numbers", List.of("year"));
            }
            LocalDate date;
            try {
                date = input.toLocalDate();
            } catch (DateTimeException e) {
                return notReal;
            }
            if (date.getYear() < rule.earliestYear()) {
                return notReal;
            }
            if (rule.notInFuture() && date.isAfter(today)) {
                return new Problem(rule.name() + " must be today or in the past", ALL);
            }
            return null;
        }

        private static void addIf(boolean condition, String part, List<String> parts) {
            if (condition) {
                parts.add(part);
            }
        }
    }
}
