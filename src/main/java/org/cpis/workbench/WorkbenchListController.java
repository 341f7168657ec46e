package org.cpis.workbench;

import jakarta.validation.Valid;
import org.cpis.identity.Actor;
import org.cpis.identity.Role;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The LA workbench's lists (docs/interfaces.md section 5): the allocated social worker's inbox, the MASH queue, the duty
 * team's views of everything unreviewed or escalated, and closed notifications, all for the user's own local authority
 * only. The duty team closes many at once.
 */
@Controller
class WorkbenchListController {

    static final int QUERY_MAX = 100;

    private final WorkbenchListPage page;
    private final WorkbenchService workbench;

    WorkbenchListController(WorkbenchListPage page, WorkbenchService workbench) {
        this.page = page;
        this.workbench = workbench;
    }

    @GetMapping("/notifications")
    String list(
            Actor actor,
            @RequestParam(name = "view", required = false) String view,
            @RequestParam(name = "q", required = false) String query,
            @RequestParam(name = "page", defaultValue = "1") String number,
            Model model) {
        WorkbenchView selected = WorkbenchView.chosen(actor.role(), view).orElseThrow(NotFound::new);
        return page.render(actor, selected, query(query), pageNumber(number), WorkbenchListPage.Bulk.NONE, model);
    }

    @PostMapping("/notifications/close")
    String closeSelected(
            Actor actor,
            @Valid @ModelAttribute("closeForm") CloseForm form,
            BindingResult result,
            Model model,
            RedirectAttributes redirect) {
        if (actor.role() != Role.DUTY_TEAM) {
            throw new AccessDeniedException("only the duty team closes notifications in bulk");
        }
        WorkbenchView back = WorkbenchView.chosen(actor.role(), form.view())
                .filter(WorkbenchView::bulk)
                .orElse(WorkbenchView.UNREVIEWED);
        String q = query(form.q());
        if (result.hasErrors()) {
            var bulk = new WorkbenchListPage.Bulk(CloseForm.error(result), form.note(), form.checked());
            return page.render(actor, back, q, 1, bulk, model);
        }
        int closed = workbench.closeAll(actor, form.selected(), form.note());
        redirect.addFlashAttribute("success", closed == 1 ? "1 notification closed" : closed + " notifications closed");
        return "redirect:" + Pagination.href(back, q, 1);
    }

    private static int pageNumber(String page) {
        try {
            return Math.max(1, Integer.parseInt(page.strip()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static String query(String q) {
        if (q == null) {
            return "";
        }
        String stripped = q.strip();
        return stripped.length() > QUERY_MAX ? stripped.substring(0, QUERY_MAX) : stripped;
    }
}
