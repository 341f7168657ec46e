package org.cpis.records;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cpis.identity.Actor;
import org.cpis.shared.PlanType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/** The LA data manager's view of the plans CP-IS holds for their authority, searchable by NHS number or local id. */
@Controller
class RecordPagesController {

    static final int PAGE_SIZE = 25;

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK);

    record RecordRowView(
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

    /** A numbered link in the NHS.UK pagination, or an ellipsis (number 0) between them. */
    record PageLink(int number, String href, boolean current) {
        public boolean ellipsis() {
            return number == 0;
        }

        /** Built here: Thymeleaf reads "__" in an attribute as pre-processing. */
        public String modifierClass() {
            return current ? "nhsuk-pagination__item--current" : ellipsis() ? "nhsuk-pagination__item--ellipsis" : "";
        }
    }

    private final Records records;

    RecordPagesController(Records records) {
        this.records = records;
    }

    @GetMapping("/records")
    String search(
            Actor actor,
            @RequestParam(name = "q", required = false) String query,
            @RequestParam(name = "page", defaultValue = "1") int page,
            Model model) {
        String q = query == null ? "" : query.strip();
        int current = Math.max(1, page);
        RecordPage result = records.search(actor.organisation(), q, current - 1, PAGE_SIZE);
        model.addAttribute("query", q);
        model.addAttribute("total", result.total());
        model.addAttribute("page", current);
        model.addAttribute("pages", result.pages());
        model.addAttribute("first", result.total() == 0 ? 0 : (long) (current - 1) * PAGE_SIZE + 1);
        model.addAttribute(
                "last", (long) (current - 1) * PAGE_SIZE + result.items().size());
        model.addAttribute(
                "records",
                result.items().stream().map(RecordPagesController::row).toList());
        model.addAttribute("pageLinks", pageLinks(q, current, result.pages()));
        model.addAttribute("previousHref", current > 1 ? href(q, current - 1) : null);
        model.addAttribute("nextHref", current < result.pages() ? href(q, current + 1) : null);
        return "records/list";
    }

    private static RecordRowView row(RecordPage.Item item) {
        String end;
        if (item.planType() == PlanType.UCPP) {
            end = "Expected delivery " + date(item.expectedDeliveryDate());
            if (item.endDate() != null) {
                end += "; ended " + date(item.endDate());
            }
        } else {
            end = item.endDate() == null ? "Not ended" : date(item.endDate());
        }
        return new RecordRowView(
                formatNhsNumber(item.nhsNumber()),
                item.localId(),
                item.familyName().toUpperCase(Locale.UK) + ", " + item.givenNames(),
                date(item.dateOfBirth()),
                item.planType().displayName(),
                date(item.startDate()),
                end,
                item.allocatedWorker(),
                item.visible(),
                date(item.visibleUntil()));
    }

    static String formatNhsNumber(String digits) {
        return digits.length() == 10
                ? digits.substring(0, 3) + " " + digits.substring(3, 6) + " " + digits.substring(6)
                : digits;
    }

    private static String date(LocalDate date) {
        return date == null ? "" : DATE.format(date);
    }

    /** First, last, and the pages either side of the current one; gaps become an ellipsis. */
    static List<PageLink> pageLinks(String q, int current, int pages) {
        List<PageLink> links = new ArrayList<>();
        if (pages <= 1) {
            return links;
        }
        int previous = 0;
        for (int n = 1; n <= pages; n++) {
            if (n == 1 || n == pages || Math.abs(n - current) <= 1) {
                if (previous != 0 && n - previous > 1) {
                    links.add(new PageLink(0, null, false));
                }
                links.add(new PageLink(n, href(q, n), n == current));
                previous = n;
            }
        }
        return links;
    }

    private static String href(String q, int page) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/records");
        if (!q.isEmpty()) {
            uri.queryParam("q", q);
        }
        return uri.queryParam("page", page).encode().build().toUriString();
    }
}
