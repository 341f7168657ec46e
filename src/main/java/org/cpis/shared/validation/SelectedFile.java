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
import org.springframework.web.multipart.MultipartFile;

/**
 * A file chosen in a file input, with something in it. A browser sends an unnamed empty part when no file was chosen,
 * so "no file" (null or no file name, {@link #message()}) is told apart from an empty file ({@link #emptyMessage()}).
 */
@Documented
@Constraint(validatedBy = SelectedFile.Validator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
public @interface SelectedFile {

    String message() default "Select a file";

    String emptyMessage() default "The selected file is empty";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<SelectedFile, MultipartFile> {

        private String emptyMessage;

        @Override
        public void initialize(SelectedFile annotation) {
            emptyMessage = annotation.emptyMessage();
        }

        @Override
        public boolean isValid(MultipartFile file, ConstraintValidatorContext context) {
            if (file == null
                    || file.getOriginalFilename() == null
                    || file.getOriginalFilename().isBlank()) {
                return false;
            }
            if (file.isEmpty()) {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate(Messages.literal(emptyMessage))
                        .addConstraintViolation();
                return false;
            }
            return true;
        }
    }
}
