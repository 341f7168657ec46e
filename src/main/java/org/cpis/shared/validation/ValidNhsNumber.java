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
import org.cpis.shared.NhsNumber;

/**
 * An NHS number as a person types it: 10 digits, spaces allowed, with a valid check digit ({@link NhsNumber#isValid}).
 * Blank is left to {@code @NotBlank}, so each problem has one message: {@link #formatMessage()} for anything that is not
 * 10 digits, {@link #message()} for 10 digits whose check digit is wrong.
 */
@Documented
@Constraint(validatedBy = ValidNhsNumber.Validator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
public @interface ValidNhsNumber {

    String message() default "Enter a valid NHS number";

    String formatMessage() default "Enter a 10-digit NHS number";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ValidNhsNumber, String> {

        private String formatMessage;

        @Override
        public void initialize(ValidNhsNumber annotation) {
            formatMessage = annotation.formatMessage();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null || value.isBlank() || NhsNumber.isValid(value)) {
                return true;
            }
            if (!value.strip().replace(" ", "").matches("[0-9]{10}")) {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate(Messages.literal(formatMessage))
                        .addConstraintViolation();
            }
            return false;
        }
    }
}
