package org.cpis.shared.validation;

import java.time.LocalDate;

/**
 * The NHS.UK date input as typed: day, month and year in three boxes (request parameters {@code <name>.day},
 * {@code <name>.month}, {@code <name>.year}). Checked by {@link ValidDateInput}; blank parts are empty strings.
 */
public record DateInput(String day, String month, String year) {

    public static final DateInput EMPTY = new DateInput("", "", "");

    public DateInput {
        day = day == null ? "" : day.strip();
        month = month == null ? "" : month.strip();
        year = year == null ? "" : year.strip();
    }

    public boolean blank() {
        return day.isEmpty() && month.isEmpty() && year.isEmpty();
    }

    /** The date, once {@link ValidDateInput} has passed it; null when nothing was entered. */
    public LocalDate toLocalDate() {
        return blank() ? null : LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day));
    }
}
