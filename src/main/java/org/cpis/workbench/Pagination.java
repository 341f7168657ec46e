package org.cpis.workbench;

import java.util.ArrayList;
import java.util.List;
import org.springframework.ui.Model;
import org.springframework.web.util.UriComponentsBuilder;

/** The NHS.UK pagination of a workbench list: where this page is, and links to the others. */
record Pagination(WorkbenchView view, String query, int page, int pages, long total, int size) {

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

    static Pagination of(WorkbenchView view, String query, int page, long total, int size) {
        int pages = (int) Math.max(1, (total + size - 1) / size);
        return new Pagination(view, query, page, pages, total, size);
    }

    void addTo(Model model, int shown) {
        model.addAttribute("total", total);
        model.addAttribute("page", page);
        model.addAttribute("pages", pages);
        model.addAttribute("first", total == 0 ? 0 : (long) (page - 1) * size + 1);
        model.addAttribute("last", (long) (page - 1) * size + shown);
        model.addAttribute("pageLinks", links());
        model.addAttribute("previousHref", page > 1 ? href(view, query, page - 1) : null);
        model.addAttribute("nextHref", page < pages ? href(view, query, page + 1) : null);
    }

    /** First, last, and the pages either side of the current one; gaps become an ellipsis. */
    List<PageLink> links() {
        List<PageLink> links = new ArrayList<>();
        if (pages <= 1) {
            return links;
        }
        int previous = 0;
        for (int n = 1; n <= pages; n++) {
            if (n == 1 || n == pages || Math.abs(n - page) <= 1) {
                if (previous != 0 && n - previous > 1) {
                    links.add(new PageLink(0, null, false));
                }
                links.add(new PageLink(n, href(view, query, n), n == page));
                previous = n;
            }
        }
        return links;
    }

    static String href(WorkbenchView view, String query, int page) {
        UriComponentsBuilder uri =
                UriComponentsBuilder.fromPath("/notifications").queryParam("view", view.code());
        if (!query.isEmpty()) {
            uri.queryParam("q", query);
        }
        if (page > 1) {
            uri.queryParam("page", page);
        }
        return uri.encode().build().toUriString();
    }
}
