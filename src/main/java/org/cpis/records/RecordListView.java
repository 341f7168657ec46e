package org.cpis.records;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.cpis.shared.PlanType;
import org.cpis.shared.web.Pagination;
import org.cpis.shared.web.ViewFormat;
import org.springframework.web.util.UriComponentsBuilder;

/** One page of the records list as the page shows it: counts, rows with dates in words, and the pagination. */
record RecordListView(
        String query, int page, long total, long first, long last, List<RowView> records, Pagination pagination) {

    record RowView(
            long id,
            String nhsNumber,
            String localId,
            String name,
            String dateOfBirth,
            String planType,
            String startDate,
            String endOrDelivery,
            String allocatedWorker,
            boolean visible,
            String visibleUntil) {}

    /** The page when the search itself was not valid: nothing listed. */
    static RecordListView none(String query) {
        return new RecordListView(query, 1, 0, 0, 0, List.of(), Pagination.of(1, 1, n -> null));
    }

    static RecordListView of(String query, int page, int pageSize, RecordPage result) {
        long offset = (long) (page - 1) * pageSize;
        return new RecordListView(
                query,
                page,
                result.total(),
                result.total() == 0 ? 0 : offset + 1,
                offset + result.items().size(),
                result.items().stream().map(RecordListView::row).toList(),
                Pagination.of(page, result.pages(), n -> href(query, n)));
    }

    static RowView row(RecordPage.Item item) {
        return new RowView(
                item.id(),
                ViewFormat.nhsNumber(item.nhsNumber()),
                item.localId(),
                item.familyName().toUpperCase(Locale.UK) + ", " + item.givenNames(),
                ViewFormat.shortDate(item.dateOfBirth()),
                item.planType().displayName(),
                ViewFormat.shortDate(item.startDate()),
                endOrDelivery(item),
                item.allocatedWorker(),
                item.visible(),
                ViewFormat.shortDate(item.visibleUntil()));
    }

    private static String endOrDelivery(RecordPage.Item item) {
        LocalDate end = item.endDate();
        if (item.planType() != PlanType.UCPP) {
            return end == null ? "Not ended" : ViewFormat.shortDate(end);
        }
        String delivery = "Expected delivery " + ViewFormat.shortDate(item.expectedDeliveryDate());
        return end == null ? delivery : delivery + "; ended " + ViewFormat.shortDate(end);
    }

    static String href(String query, int page) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/records");
        if (!query.isEmpty()) {
            uri.queryParam("q", query);
        }
        return uri.queryParam("page", page).encode().build().toUriString();
    }
}
