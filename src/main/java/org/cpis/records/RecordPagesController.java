package org.cpis.records;

import jakarta.validation.Valid;
import org.cpis.identity.Actor;
import org.cpis.shared.web.ErrorSummary;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/** The LA data manager's view of the plans CP-IS holds for their authority, searchable by NHS number or local id. */
@Controller
class RecordPagesController {

    static final int PAGE_SIZE = 25;

    private final Records records;
    private final ChildRecords childRecords;

    RecordPagesController(Records records, ChildRecords childRecords) {
        this.records = records;
        this.childRecords = childRecords;
    }

    /** One record of the actor's LA; another LA's record, or a number that is none, is not found. */
    @GetMapping("/records/{id:[0-9]{1,18}}")
    String record(Actor actor, @PathVariable long id, Model model) {
        RecordPage.Item item =
                childRecords.open(actor, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("r", RecordListView.row(item));
        return "records/record";
    }

    @GetMapping("/records")
    String search(
            Actor actor, @Valid @ModelAttribute("search") RecordSearchForm search, BindingResult binding, Model model) {
        RecordListView list;
        if (binding.hasFieldErrors("q")) {
            list = RecordListView.none(search.q());
            model.addAttribute("errors", ErrorSummary.of(binding, "q"));
        } else {
            RecordPage result = records.search(actor.organisation(), search.q(), search.pageNumber() - 1, PAGE_SIZE);
            list = RecordListView.of(search.q(), search.pageNumber(), PAGE_SIZE, result);
            model.addAttribute("errors", ErrorSummary.NONE);
        }
        model.addAttribute("list", list);
        list.pagination().addTo(model);
        return "records/list";
    }
}
