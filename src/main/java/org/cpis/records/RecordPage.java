package org.cpis.records;

import java.time.LocalDate;
import java.util.List;
import org.cpis.shared.PlanType;

/** A page of an LA's records, for the LA's own pages (which may show names: it is their data). */
public record RecordPage(List<Item> items, int page, int pageSize, long total) {

    public int pages() {
        return (int) Math.max(1, (total + pageSize - 1) / pageSize);
    }

    /** @param id the record's number, which its page's address carries instead of the NHS number */
    public record Item(
            long id,
            String nhsNumber,
            String localId,
            String familyName,
            String givenNames,
            LocalDate dateOfBirth,
            PlanType planType,
            LocalDate startDate,
            LocalDate endDate,
            LocalDate expectedDeliveryDate,
            String allocatedWorker,
            LocalDate visibleUntil,
            boolean visible) {}
}
