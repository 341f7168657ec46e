package org.cpis.missingalerts;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import org.cpis.organisations.Organisations;
import org.cpis.shared.NhsNumber;
import org.cpis.shared.OdsCode;
import org.cpis.shared.validation.ValidNhsNumber;
import org.cpis.shared.web.FieldError;
import org.springframework.validation.BindingResult;

/** What the clinician typed into "Report a missing alert", stripped; echoed back when it has errors. */
record ReportForm(
        @ReportForm.Registered String localAuthority,

        @NotBlank(message = "Enter a 10-digit NHS number") @ValidNhsNumber
        String nhsNumber,

        @Pattern(
                regexp = "|(?=(?:\\D*\\d){7,15}\\D*$)(?=.{1," + MissingAlerts.MAX_PHONE + "}$)\\+?[0-9 ()\\-]+",
                message = "Enter a phone number, like 01632 960 001 or +44 808 157 0192")
        String phone,

        @Pattern(
                regexp = "|(?=.{1," + MissingAlerts.MAX_EMAIL + "}$)[^@\\s]+@[^@\\s]+\\.[^@\\s]+",
                message = "Enter an email address in the correct format, like name@example.nhs.uk")
        String email,

        @Size(max = MissingAlerts.MAX_NOTE, message = "Note must be 1,000 characters or fewer")
        String note) {

    static final ReportForm EMPTY = new ReportForm("", "", "", "", "");

    ReportForm {
        localAuthority = stripped(localAuthority);
        nhsNumber = stripped(nhsNumber);
        phone = stripped(phone);
        email = stripped(email);
        note = stripped(note);
    }

    @AssertTrue(message = "Enter a phone number or an email address")
    public boolean isContactGiven() {
        return !phone.isEmpty() || !email.isEmpty();
    }

    MissingAlerts.Report report() {
        return new MissingAlerts.Report(
                new OdsCode(localAuthority),
                NhsNumber.of(nhsNumber),
                phone.isEmpty() ? null : phone,
                email.isEmpty() ? null : email,
                note);
    }

    private static String stripped(String value) {
        return value == null ? "" : value.strip();
    }

    /** One problem per place on the form, with the id of the field the error summary links to. */
    record Errors(
            FieldError localAuthority,
            FieldError nhsNumber,
            FieldError contact,
            FieldError phone,
            FieldError email,
            FieldError note) {

        static final Errors NONE = new Errors(null, null, null, null, null, null);

        static Errors of(BindingResult result) {
            return new Errors(
                    FieldError.of(result, "#local-authority", "localAuthority"),
                    FieldError.of(result, "#nhs-number", "nhsNumber"),
                    FieldError.of(result, "#contact-phone", "contactGiven"),
                    FieldError.of(result, "#contact-phone", "phone"),
                    FieldError.of(result, "#contact-email", "email"),
                    FieldError.of(result, "#note", "note"));
        }

        public boolean any() {
            return !all().isEmpty();
        }

        public List<FieldError> all() {
            return FieldError.present(localAuthority, nhsNumber, contact, phone, email, note);
        }

        /** The phone input is in error on its own or because neither contact was given. */
        public FieldError phoneOrContact() {
            return phone != null ? phone : contact;
        }
    }

    /** The ODS code of a local authority the hub knows. */
    @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = RegisteredValidator.class)
    @interface Registered {
        String message() default "Select the local authority";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** Created by Spring's validator factory, which hands it the registry. */
    static class RegisteredValidator implements ConstraintValidator<Registered, String> {

        private final Organisations organisations;

        RegisteredValidator(Organisations organisations) {
            this.organisations = organisations;
        }

        @Override
        public boolean isValid(String ods, ConstraintValidatorContext context) {
            if (ods == null || ods.isEmpty()) {
                return false;
            }
            try {
                return organisations.localAuthority(new OdsCode(ods)).isPresent();
            } catch (RuntimeException e) {
                return false; // not an ODS code at all
            }
        }
    }
}
