package org.cpis.lookup;

import java.time.LocalDate;
import java.util.List;
import org.cpis.identity.Role;
import org.cpis.organisations.CareSettingType;
import org.cpis.organisations.LocalAuthority;
import org.cpis.records.RecordRules;
import org.cpis.records.VisibleRecord;
import org.cpis.shared.PlanType;
import org.cpis.shared.web.ViewFormat;

/**
 * What the "CP-IS information found" page shows of a lookup: dates in words, phone numbers with their tel: links, when
 * each open plan will end, and whether the date of birth the clinician gave matches each record.
 *
 * @param dateOfBirthMismatch a date of birth was given and at least one record has another: the page says so and what
 *     to do, rather than hiding the record (a hidden record would read as a false "no CP-IS information")
 */
record LookupView(List<AlertView> alerts, List<AccessView> accesses, boolean unscheduled, boolean dateOfBirthMismatch) {

    /**
     * @param endDate the day the plan ended or is set to end, if there is one
     * @param ended whether that day has come
     * @param ends for an open plan, when it will end: the 18th birthday, or an unborn child plan's last day in CP-IS
     */
    record AlertView(
            String planType,
            boolean unbornChildPlan,
            String startDate,
            String endDate,
            boolean ended,
            String ends,
            boolean dateOfBirthMismatch,
            String expectedDeliveryDate,
            String localAuthorityName,
            String localAuthorityOds,
            Phone emergencyDutyPhone,
            Phone officeHoursPhone) {}

    record Phone(String number, String href) {

        static Phone of(String number) {
            if (number == null || number.isBlank()) {
                return null;
            }
            return new Phone(number.strip(), "tel:" + number.replaceAll("[^0-9+]", ""));
        }
    }

    record AccessView(
            String when,
            String person,
            String organisationName,
            String organisationOds,
            String careSetting,
            String role) {}

    /** @param dateOfBirth the date of birth the clinician gave, or null */
    static LookupView of(LookupResult result, LocalDate dateOfBirth, LocalDate today) {
        List<AlertView> alerts = result.alerts().stream()
                .map(alert -> alert(alert, dateOfBirth, today))
                .toList();
        return new LookupView(
                alerts,
                result.previousAccesses().stream().map(LookupView::access).toList(),
                result.unscheduled(),
                alerts.stream().anyMatch(AlertView::dateOfBirthMismatch));
    }

    private static AlertView alert(LookupResult.Alert alert, LocalDate dateOfBirth, LocalDate today) {
        VisibleRecord record = alert.record();
        LocalAuthority la = alert.localAuthority();
        boolean ended = record.endDate() != null && !record.endDate().isAfter(today);
        return new AlertView(
                record.planType().displayName(),
                record.planType() == PlanType.UCPP,
                date(record.startDate()),
                date(record.endDate()),
                ended,
                ended ? null : ends(record),
                dateOfBirth != null && !dateOfBirth.equals(record.dateOfBirth()),
                date(record.expectedDeliveryDate()),
                la == null ? null : la.name(),
                record.localAuthority().value(),
                la == null ? null : Phone.of(la.emergencyDutyPhone()),
                la == null ? null : Phone.of(la.officeHoursPhone()));
    }

    /**
     * When an open plan ends: on the end date the LA set; a child's plan at the latest on the 18th birthday; an unborn
     * child plan when the baby's own plan starts or the LA ends it, and it leaves CP-IS 28 days after the expected
     * delivery date.
     */
    static String ends(VisibleRecord record) {
        if (record.endDate() != null) {
            return date(record.endDate());
        }
        if (record.planType() == PlanType.UCPP) {
            LocalDate lastShown =
                    record.expectedDeliveryDate().plusDays(RecordRules.DAYS_VISIBLE_AFTER_EXPECTED_DELIVERY);
            return "When the baby is born or the local authority ends it. CP-IS shows it until " + date(lastShown)
                    + ", 28 days after the expected delivery date.";
        }
        return date(RecordRules.eighteenthBirthday(record.dateOfBirth()))
                + " (18th birthday), unless the local authority ends it sooner";
    }

    private static AccessView access(Access access) {
        CareSettingType setting = access.careSettingType();
        return new AccessView(
                ViewFormat.dateTime(access.accessedAt()),
                access.actorName(),
                access.organisationName(),
                access.organisation().value(),
                setting == null ? ViewFormat.NOT_RECORDED : setting.displayName(),
                ViewFormat.codeName(access.actorRole(), Role.class, Role::displayName));
    }

    /** Null for no date, so the page leaves out the row. */
    private static String date(LocalDate date) {
        return date == null ? null : ViewFormat.date(date);
    }
}
