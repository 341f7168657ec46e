package org.cpis.shared.web;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.springframework.ui.Model;

/**
 * NHS.UK numbered pagination (fragments/pagination.html): previous and next, the first and last pages, the pages either
 * side of the current one, and an ellipsis for each gap.
 */
public record Pagination(int pages, String previousHref, String nextHref, List<PageLink> pageLinks) {

    /** A numbered link, or an ellipsis (number 0) between them. */
    public record PageLink(int number, String href, boolean current) {

        public boolean ellipsis() {
            return number == 0;
        }

        /** Built here: Thymeleaf reads "__" in an attribute as pre-processing. */
        public String modifierClass() {
            return current ? "nhsuk-pagination__item--current" : ellipsis() ? "nhsuk-pagination__item--ellipsis" : "";
        }
    }

    /**
     * @param current the page shown, from 1
     * @param href the link to a page, given its number
     */
    public static Pagination of(int current, int pages, IntFunction<String> href) {
        List<PageLink> links = new ArrayList<>();
        int previous = 0;
        for (int n = 1; n <= pages && pages > 1; n++) {
            if (n == 1 || n == pages || Math.abs(n - current) <= 1) {
                if (previous != 0 && n - previous > 1) {
                    links.add(new PageLink(0, null, false));
                }
                links.add(new PageLink(n, href.apply(n), n == current));
                previous = n;
            }
        }
        return new Pagination(
                pages,
                current > 1 ? href.apply(current - 1) : null,
                current < pages ? href.apply(current + 1) : null,
                List.copyOf(links));
    }

    /** The model attributes the fragment reads. */
    public void addTo(Model model) {
        model.addAttribute("pages", pages);
        model.addAttribute("previousHref", previousHref);
        model.addAttribute("nextHref", nextHref);
        model.addAttribute("pageLinks", pageLinks);
    }
}
