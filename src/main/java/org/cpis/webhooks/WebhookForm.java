package org.cpis.webhooks;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The webhook URL the data manager typed, stripped. */
record WebhookForm(@WebhookForm.Url String url) {

    WebhookForm {
        url = url == null ? "" : url.strip();
    }

    /** A URL the hub may post to ({@link WebhookAddresses#problem}); the message says what is wrong. */
    @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = UrlValidator.class)
    @interface Url {
        String message() default "Enter the webhook URL";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** Created by Spring's validator factory, which hands it the settings. */
    static class UrlValidator implements ConstraintValidator<Url, String> {

        private final boolean localAddressesAllowed;

        UrlValidator(WebhooksProperties properties) {
            this.localAddressesAllowed = properties.webhookLocalAddressesAllowed();
        }

        @Override
        public boolean isValid(String url, ConstraintValidatorContext context) {
            String problem = WebhookAddresses.problem(url == null ? "" : url, localAddressesAllowed);
            if (problem == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(
                            problem.replace("{", "\\{").replace("$", "\\$"))
                    .addConstraintViolation();
            return false;
        }
    }
}
