package org.cpis.lookup;

import java.util.List;
import org.cpis.identity.Role;
import org.cpis.organisations.CareSettingType;
import org.cpis.organisations.LocalAuthority;
import org.cpis.records.VisibleRecord;
import org.cpis.shared.PlanType;
import org.cpis.shared.web.ViewFormat;

/** What the "CP-IS information found" page shows of a lookup: dates in words, phone numbers with their tel: links. */
record LookupView(List<AlertView> alerts, List<AccessView> accesses, boolean unscheduled) {

    record AlertView(
            String planType,
            boolean unbornChildPlan,
            String startDate,
            String endDate,
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

    static LookupView of(LookupResult result) {
        return new LookupView(
                result.alerts().stream().map(LookupView::alert).toList(),
                result.previousAccesses().stream().map(LookupView::access).toList(),
                result.unscheduled());
    }

    private static AlertView alert(LookupResult.Alert alert) {
        VisibleRecord record = alert.record();
        LocalAuthority la = alert.localAuthority();
        return new AlertView(
                record.planType().displayName(),
                record.planType() == PlanType.UCPP,
                date(record.startDate()),
                date(record.endDate()),
                date(record.expectedDeliveryDate()),
                la == null ? null : la.name(),
                record.localAuthority().value(),
                la == null ? null : Phone.of(la.emergencyDutyPhone()),
                la == null ? null : Phone.of(la.officeHoursPhone()));
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
    private static String date(java.time.LocalDate date) {
        return date == null ? null : ViewFormat.date(date);
    }
}
