package org.cpis.accountability;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.LocalDate;
import org.cpis.shared.validation.ValidNhsNumber;
import org.springframework.format.annotation.DateTimeFormat;

/** The privacy officer's report forms, as typed. Dates are the HTML date fields' ISO dates. */
final class ReportForms {

    private ReportForms() {}

    static final String FIRST_MESSAGE = "Enter the first day of the period";
    static final String LAST_MESSAGE = "Enter the last day of the period";
    static final String ORDER_MESSAGE = "The last day must be the same as or after the first day";

    /** Accesses to one child's record. Posted, so the NHS number is never in a URL. */
    record Subject(
            @NotBlank(message = "Enter a 10-digit NHS number") @ValidNhsNumber
            String nhsNumber,

            @NotNull(message = FIRST_MESSAGE) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
            LocalDate from,

            @NotNull(message = LAST_MESSAGE) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
            LocalDate to) {

        static final String[] FIELDS = {"nhsNumber", "from", "to"};

        Subject {
            nhsNumber = nhsNumber == null ? "" : nhsNumber.replace(" ", "").strip();
        }

        @AssertTrue(message = ORDER_MESSAGE)
        boolean isInOrder() {
            return from == null || to == null || !to.isBefore(from);
        }

        ReportPeriod period() {
            return new ReportPeriod(from, to);
        }
    }

    /** Everything one person or system did. */
    record Person(
            @NotBlank(message = "Enter the person's user id")
            @Pattern(regexp = "[A-Za-z0-9._@:-]{1,100}", message = "Enter a user id as the audit shows it")
            String actorId,

            @NotNull(message = FIRST_MESSAGE) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
            LocalDate from,

            @NotNull(message = LAST_MESSAGE) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
            LocalDate to) {

        static final String[] FIELDS = {"actorId", "from", "to"};

        Person {
            actorId = actorId == null ? "" : actorId.strip();
        }

        @AssertTrue(message = ORDER_MESSAGE)
        boolean isInOrder() {
            return from == null || to == null || !to.isBefore(from);
        }

        ReportPeriod period() {
            return new ReportPeriod(from, to);
        }
    }

    /** Accesses by organisation and care setting. */
    record Organisations(
            @NotNull(message = FIRST_MESSAGE) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
            LocalDate from,

            @NotNull(message = LAST_MESSAGE) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
            LocalDate to) {

        static final String[] FIELDS = {"from", "to"};

        @AssertTrue(message = ORDER_MESSAGE)
        boolean isInOrder() {
            return from == null || to == null || !to.isBefore(from);
        }

        ReportPeriod period() {
            return new ReportPeriod(from, to);
        }
    }
}
