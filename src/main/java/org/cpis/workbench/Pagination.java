package org.cpis.workbench;

import org.springframework.ui.Model;
import org.springframework.web.util.UriComponentsBuilder;

/** Where a workbench list's page is, with the shared NHS.UK page links ({@link org.cpis.shared.web.Pagination}). */
record Pagination(WorkbenchView view, String query, int page, int pages, long total, int size) {

    static Pagination of(WorkbenchView view, String query, int page, long total, int size) {
        int pages = (int) Math.max(1, (total + size - 1) / size);
        return new Pagination(view, query, page, pages, total, size);
    }

    void addTo(Model model, int shown) {
        model.addAttribute("total", total);
        model.addAttribute("page", page);
        model.addAttribute("first", total == 0 ? 0 : (long) (page - 1) * size + 1);
        model.addAttribute("last", (long) (page - 1) * size + shown);
        org.cpis.shared.web.Pagination.of(page, pages, n -> href(view, query, n))
                .addTo(model);
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
