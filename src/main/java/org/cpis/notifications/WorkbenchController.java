package org.cpis.notifications;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.cpis.audit.Audit;
import org.cpis.audit.AuditEntry;
import org.cpis.identity.Actor;
import org.cpis.identity.People;
import org.cpis.identity.Role;
import org.cpis.lookup.Access;
import org.cpis.lookup.Lookup;
import org.cpis.notifications.Notifications.Counts;
import org.cpis.notifications.Notifications.View;
import org.cpis.notifications.Notifications.WorkbenchPage;
import org.cpis.organisations.CareSetting;
import org.cpis.organisations.CareSettingType;
import org.cpis.organisations.Organisations;
import org.cpis.shared.EnglandDate;
import org.cpis.shared.NhsNumber;
import org.cpis.shared.PlanType;
import org.cpis.shared.web.FieldError;
import org.cpis.shared.web.TraceIdFilter;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The LA workbench (docs/interfaces.md section 5): the allocated social worker's inbox, the MASH queue, the duty team's
 * views of everything unreviewed or escalated, and closed notifications, all for the user's own local authority only.
 * A notification's page shows who accessed the child's record from where, the child's earlier unscheduled accesses and
 * the health setting's phone number, and takes the review: whether the setting was contacted, a social-care outcome
 * note, and closing it.
 */
@Controller
class WorkbenchController {

    static final int PAGE_SIZE = 25;
    static final int NOTE_MAX = 2000;
    static final int BULK_MAX = 100;
    static final int QUERY_MAX = 100;

    static final String VIEWED = "NOTIFICATION_VIEWED";
    static final String REVIEWED = "NOTIFICATION_REVIEWED";

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.UK).withZone(EnglandDate.ENGLAND);
    private static final DateTimeFormatter WHEN_LONG =
            DateTimeFormatter.ofPattern("d MMMM yyyy 'at' HH:mm", Locale.UK).withZone(EnglandDate.ENGLAND);

    private final Notifications notifications;
    private final People people;
    private final Lookup lookup;
    private final Organisations organisations;
    private final Audit audit;
    private final TransactionTemplate transactions;

    WorkbenchController(
            Notifications notifications,
            People people,
            Lookup lookup,
            Organisations organisations,
            Audit audit,
            TransactionTemplate transactions) {
        this.notifications = notifications;
        this.people = people;
        this.lookup = lookup;
        this.organisations = organisations;
        this.audit = audit;
        this.transactions = transactions;
    }

    // ---- What the pages show -------------------------------------------------------------------------------------

    /** One of the views the role may use, as a tab: its label, count (null: not counted) and link. */
    record Tab(String code, String label, Long count, String href, boolean selected) {

        /** Built here: Thymeleaf reads "__" in an attribute as pre-processing. */
        public String itemClass() {
            return selected ? "nhsuk-tabs__list-item--selected" : "";
        }

        public String text() {
            return count == null ? label : label + " (" + count + ")";
        }
    }

    record Row(
            String id,
            String href,
            String when,
            String whenIso,
            String child,
            String nhsNumber,
            String localIds,
            String plans,
            String organisation,
            String organisationOds,
            String careSetting,
            int accessCount,
            Status status,
            boolean escalated,
            String checkboxId,
            boolean selected) {}

    /** A status as the pages show it: words and an NHS.UK tag colour. */
    record Status(String text, String tagClass) {}

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
            String whenIso,
            String organisationName,
            String organisationOds,
            String careSetting,
            String role) {}

    record Details(
            String id,
            String nhsNumber,
            String localIds,
            String plans,
            String firstAccessed,
            String firstAccessedIso,
            String lastAccessed,
            String lastAccessedIso,
            int accessCount,
            String accessedBy,
            String accessedByRole,
            String organisationName,
            String organisationOds,
            String careSetting,
            Phone phone,
            String routedTo,
            Status status,
            String escalatedAt,
            boolean closed,
            String closedAt,
            String reviewedBy,
            String contactedSetting,
            String outcomeNote) {

        /** The note's lines, so the page keeps the reviewer's line breaks. */
        public List<String> outcomeLines() {
            return outcomeNote == null ? List.of() : List.of(outcomeNote.split("\\R", -1));
        }
    }

    /** What was typed into the review form, echoed back when it has errors. */
    record ReviewForm(String contacted, String outcome) {

        public boolean yes() {
            return "yes".equals(contacted);
        }

        public boolean no() {
            return "no".equals(contacted);
        }
    }

    /** One problem with a form: the message and the id of the field the error summary links to. */
    record ReviewErrors(FieldError contacted, FieldError outcome) {

        static final ReviewErrors NONE = new ReviewErrors(null, null);

        public boolean any() {
            return !all().isEmpty();
        }

        public List<FieldError> all() {
            return FieldError.present(contacted, outcome);
        }
    }

    // ---- Lists ---------------------------------------------------------------------------------------------------

    @GetMapping("/notifications")
    String list(
            Actor actor,
            @RequestParam(name = "view", required = false) String view,
            @RequestParam(name = "q", required = false) String query,
            @RequestParam(name = "page", defaultValue = "1") String page,
            Model model) {
        View selected = view(actor, view).orElseThrow(NotFound::new);
        return listPage(actor, selected, query, parsePage(page), model, null, "", Set.of());
    }

    /** The duty team closes many at once; the note, if any, goes on each one not already reviewed with a note. */
    @PostMapping("/notifications/close")
    String closeSelected(
            Actor actor,
            @RequestParam(name = "ids", required = false) List<String> ids,
            @RequestParam(name = "note", defaultValue = "") String note,
            @RequestParam(name = "view", required = false) String view,
            @RequestParam(name = "q", required = false) String query,
            Model model,
            RedirectAttributes redirect) {
        if (actor.role() != Role.DUTY_TEAM) {
            throw new AccessDeniedException("only the duty team closes notifications in bulk");
        }
        View back = view(actor, view).filter(WorkbenchController::bulk).orElse(View.UNREVIEWED);
        String q = query(query);
        Set<String> chosen = ids == null ? Set.of() : new LinkedHashSet<>(ids);
        List<UUID> selected = chosen.stream()
                .map(WorkbenchController::uuid)
                .flatMap(Optional::stream)
                .distinct()
                .toList();
        String trimmed = note.strip();
        FieldError error = null;
        if (selected.isEmpty()) {
            error = new FieldError("Select the notifications to close", null);
        } else if (selected.size() > BULK_MAX) {
            error = new FieldError("Select " + BULK_MAX + " notifications or fewer", null);
        } else if (trimmed.length() > NOTE_MAX) {
            error = new FieldError("Note must be " + NOTE_MAX + " characters or fewer", "#note");
        }
        if (error != null) {
            return listPage(actor, back, q, 1, model, error, note, chosen);
        }
        int closed = transactions.execute(tx -> {
            List<Notification> open = selected.stream()
                    .map(id -> notifications.find(actor.organisation(), id))
                    .flatMap(Optional::stream)
                    .filter(n -> "UNREVIEWED".equals(n.status()))
                    .toList();
            int count = notifications.closeAll(
                    actor.organisation(), open.stream().map(Notification::id).toList(), actor.id(), trimmed);
            audit.recordAll(open.stream()
                    .map(n -> entry(actor, REVIEWED, n, "CLOSED", "bulk=true note=" + !trimmed.isEmpty()))
                    .toList());
            return count;
        });
        redirect.addFlashAttribute("success", closed == 1 ? "1 notification closed" : closed + " notifications closed");
        return "redirect:" + href(back, q, 1);
    }

    private String listPage(
            Actor actor,
            View view,
            String rawQuery,
            int page,
            Model model,
            FieldError bulkError,
            String bulkNote,
            Set<String> checked) {
        String q = query(rawQuery);
        String email = email(actor);
        Counts counts = notifications.counts(actor.organisation(), email);
        WorkbenchPage result = notifications.workbench(actor.organisation(), view, email, q, page - 1, PAGE_SIZE);
        int pages = (int) Math.max(1, (result.total() + PAGE_SIZE - 1) / PAGE_SIZE);
        boolean bulk = actor.role() == Role.DUTY_TEAM && bulk(view);
        List<Row> rows = result.items().stream()
                .map(n -> row(n, view, checked.contains(n.id().toString())))
                .toList();
        if (bulkError != null && bulkError.href() == null) {
            bulkError = new FieldError(
                    bulkError.message(),
                    rows.isEmpty() ? "#note" : "#" + rows.get(0).checkboxId());
        }
        model.addAttribute("view", view.name().toLowerCase(Locale.ROOT));
        model.addAttribute("heading", heading(view));
        model.addAttribute("caption", caption(view));
        model.addAttribute("empty", empty(view));
        model.addAttribute("tabs", tabs(actor.role(), view, counts));
        model.addAttribute("query", q);
        model.addAttribute("total", result.total());
        model.addAttribute("page", page);
        model.addAttribute("pages", pages);
        model.addAttribute("first", result.total() == 0 ? 0 : (long) (page - 1) * PAGE_SIZE + 1);
        model.addAttribute("last", (long) (page - 1) * PAGE_SIZE + rows.size());
        model.addAttribute("rows", rows);
        model.addAttribute("bulk", bulk);
        model.addAttribute("bulkError", bulkError);
        model.addAttribute("bulkNote", bulkNote);
        model.addAttribute("noteMax", NOTE_MAX);
        model.addAttribute("noEmail", view == View.MINE && email == null);
        model.addAttribute("pageLinks", pageLinks(view, q, page, pages));
        model.addAttribute("previousHref", page > 1 ? href(view, q, page - 1) : null);
        model.addAttribute("nextHref", page < pages ? href(view, q, page + 1) : null);
        return "notifications/list";
    }

    /** The views each role may use; the first is where the role starts. */
    static List<View> views(Role role) {
        return switch (role) {
            case SOCIAL_WORKER -> List.of(View.MINE, View.CLOSED);
            case MASH -> List.of(View.MASH, View.CLOSED);
            case DUTY_TEAM -> List.of(View.UNREVIEWED, View.ESCALATED, View.MASH, View.CLOSED, View.ALL);
            default -> List.of();
        };
    }

    /** The view asked for, the role's own first view if none, or empty for a view it may not use (or no such view). */
    private static Optional<View> view(Actor actor, String requested) {
        List<View> allowed = views(actor.role());
        if (allowed.isEmpty()) {
            throw new AccessDeniedException("the workbench is for social workers, MASH and the duty team");
        }
        if (requested == null || requested.isBlank()) {
            return Optional.of(allowed.get(0));
        }
        return Arrays.stream(View.values())
                .filter(v -> v.name().equalsIgnoreCase(requested.strip()))
                .filter(allowed::contains)
                .findFirst();
    }

    private static boolean bulk(View view) {
        return view == View.UNREVIEWED || view == View.ESCALATED;
    }

    private static List<Tab> tabs(Role role, View selected, Counts counts) {
        return views(role).stream()
                .map(v -> new Tab(
                        v.name().toLowerCase(Locale.ROOT), label(v), count(v, counts), href(v, "", 1), v == selected))
                .toList();
    }

    private static String label(View view) {
        return switch (view) {
            case MINE -> "Mine";
            case MASH -> "MASH queue";
            case UNREVIEWED -> "Unreviewed";
            case ESCALATED -> "Escalated";
            case CLOSED -> "Closed";
            case ALL -> "All";
        };
    }

    private static Long count(View view, Counts counts) {
        return switch (view) {
            case MINE -> counts.mine();
            case MASH -> counts.mash();
            case UNREVIEWED -> counts.unreviewed();
            case ESCALATED -> counts.escalated();
            case CLOSED, ALL -> null;
        };
    }

    private static String heading(View view) {
        return switch (view) {
            case MINE -> "Your notifications";
            case MASH -> "MASH queue";
            case UNREVIEWED -> "Unreviewed notifications";
            case ESCALATED -> "Escalated notifications";
            case CLOSED -> "Closed notifications";
            case ALL -> "All notifications";
        };
    }

    private static String caption(View view) {
        return switch (view) {
            case MINE -> "Unscheduled care accesses by children allocated to you, not yet reviewed";
            case MASH -> "Unscheduled care accesses by children with no allocated social worker, not yet reviewed";
            case UNREVIEWED -> "Every notification for your local authority not yet reviewed, escalated ones first";
            case ESCALATED -> "Notifications left unreviewed too long";
            case CLOSED -> "Notifications your local authority has reviewed and closed";
            case ALL -> "Every notification for your local authority";
        };
    }

    private static String empty(View view) {
        return switch (view) {
            case MINE -> "You have no notifications to review.";
            case MASH -> "The MASH queue is empty.";
            case UNREVIEWED -> "There are no unreviewed notifications.";
            case ESCALATED -> "There are no escalated notifications.";
            case CLOSED -> "There are no closed notifications.";
            case ALL -> "There are no notifications for your local authority.";
        };
    }

    private static Row row(Notification n, View view, boolean selected) {
        String nhs = formatNhsNumber(n.nhsNumber());
        String localIds = localIds(n.localIds());
        boolean unreviewed = "UNREVIEWED".equals(n.status());
        return new Row(
                n.id().toString(),
                "/notifications/" + n.id(),
                WHEN.format(n.lastAccessedAt()),
                n.lastAccessedAt().toString(),
                localIds == null ? nhs : localIds,
                nhs,
                localIds,
                plans(n.planTypes()),
                n.organisationName(),
                n.organisation().value(),
                careSetting(n.careSettingType()),
                n.accessCount(),
                status(n),
                unreviewed && n.escalatedAt() != null,
                "select-" + n.id(),
                selected);
    }

    private static Status status(Notification n) {
        if ("CLOSED".equals(n.status())) {
            return new Status("Closed", "nhsuk-tag--grey");
        }
        if (n.reviewedBy() != null) {
            return new Status("In review", "nhsuk-tag--yellow");
        }
        return new Status("Unreviewed", "nhsuk-tag--blue");
    }

    // ---- One notification ----------------------------------------------------------------------------------------

    @GetMapping("/notifications/{id}")
    String show(Actor actor, @PathVariable String id, Model model) {
        requireWorkbenchRole(actor);
        UUID notificationId = uuid(id).orElseThrow(NotFound::new);
        Notification n = transactions.execute(tx -> {
            Notification found =
                    notifications.find(actor.organisation(), notificationId).orElse(null);
            if (found != null) {
                audit.record(entry(actor, VIEWED, found, "FOUND", null));
            }
            return found;
        });
        if (n == null) {
            throw new NotFound();
        }
        ReviewForm form = new ReviewForm(
                n.contactedSetting() == null ? "" : n.contactedSetting() ? "yes" : "no",
                n.outcomeNote() == null ? "" : n.outcomeNote());
        return detailPage(n, form, ReviewErrors.NONE, model);
    }

    @PostMapping("/notifications/{id}")
    String review(
            Actor actor,
            @PathVariable String id,
            @RequestParam(name = "contacted", defaultValue = "") String contacted,
            @RequestParam(name = "outcome", defaultValue = "") String outcome,
            @RequestParam(name = "action", defaultValue = "save") String action,
            Model model,
            RedirectAttributes redirect) {
        requireWorkbenchRole(actor);
        UUID notificationId = uuid(id).orElseThrow(NotFound::new);
        Notification n =
                notifications.find(actor.organisation(), notificationId).orElseThrow(NotFound::new);
        if (!"UNREVIEWED".equals(n.status())) {
            redirect.addFlashAttribute("success", "This notification is already closed");
            return "redirect:/notifications/" + n.id();
        }
        // Line endings count once, as the browser's character count shows them.
        String note = outcome.replace("\r\n", "\n").strip();
        ReviewForm form = new ReviewForm(contacted, outcome);
        FieldError contactedError = "yes".equals(contacted) || "no".equals(contacted)
                ? null
                : new FieldError("Select yes if you have contacted the health setting", "#contacted");
        FieldError outcomeError = note.length() > NOTE_MAX
                ? new FieldError("Outcome must be " + NOTE_MAX + " characters or fewer", "#outcome")
                : null;
        ReviewErrors errors = new ReviewErrors(contactedError, outcomeError);
        if (errors.any()) {
            return detailPage(n, form, errors, model);
        }
        boolean close = "close".equals(action);
        boolean yes = "yes".equals(contacted);
        transactions.executeWithoutResult(tx -> {
            if (notifications.review(actor.organisation(), n.id(), actor.id(), yes, note, close)) {
                audit.record(entry(
                        actor,
                        REVIEWED,
                        n,
                        close ? "CLOSED" : "SAVED",
                        "contacted=" + yes + " note=" + !note.isEmpty()));
            }
        });
        String child = localIds(n.localIds()) == null ? formatNhsNumber(n.nhsNumber()) : localIds(n.localIds());
        if (close) {
            redirect.addFlashAttribute("success", "Notification for " + child + " closed");
            return "redirect:/notifications";
        }
        redirect.addFlashAttribute("success", "Review saved");
        return "redirect:/notifications/" + n.id();
    }

    private String detailPage(Notification n, ReviewForm form, ReviewErrors errors, Model model) {
        Phone phone = organisations
                .careSetting(n.organisation())
                .map(CareSetting::phone)
                .map(Phone::of)
                .orElse(null);
        List<AccessView> accesses = lookup.accessHistory(NhsNumber.of(n.nhsNumber())).stream()
                .map(WorkbenchController::view)
                .toList();
        model.addAttribute("n", details(n, phone));
        model.addAttribute("accesses", accesses);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("noteMax", NOTE_MAX);
        return "notifications/notification";
    }

    private static Details details(Notification n, Phone phone) {
        String contacted = n.contactedSetting() == null ? null : n.contactedSetting() ? "Yes" : "No";
        return new Details(
                n.id().toString(),
                formatNhsNumber(n.nhsNumber()),
                localIds(n.localIds()),
                plans(n.planTypes()),
                WHEN_LONG.format(n.firstAccessedAt()),
                n.firstAccessedAt().toString(),
                WHEN_LONG.format(n.lastAccessedAt()),
                n.lastAccessedAt().toString(),
                n.accessCount(),
                n.accessedByName(),
                roleName(n.accessedByRole()),
                n.organisationName(),
                n.organisation().value(),
                careSetting(n.careSettingType()),
                phone,
                n.allocatedWorker() != null ? "Allocated social worker (" + n.allocatedWorker() + ")" : "MASH queue",
                status(n),
                n.escalatedAt() == null ? null : WHEN_LONG.format(n.escalatedAt()),
                "CLOSED".equals(n.status()),
                n.closedAt() == null ? null : WHEN_LONG.format(n.closedAt()),
                n.reviewedBy(),
                contacted,
                n.outcomeNote());
    }

    private static AccessView view(Access access) {
        return new AccessView(
                WHEN_LONG.format(access.accessedAt()),
                access.accessedAt().toString(),
                access.organisationName(),
                access.organisation().value(),
                access.careSettingType() == null
                        ? "Not recorded"
                        : access.careSettingType().displayName(),
                roleName(access.actorRole()));
    }

    // ---- Helpers -------------------------------------------------------------------------------------------------

    private static void requireWorkbenchRole(Actor actor) {
        if (views(actor.role()).isEmpty()) {
            throw new AccessDeniedException("the workbench is for social workers, MASH and the duty team");
        }
    }

    private String email(Actor actor) {
        return people.email(actor)
                .filter(e -> !e.isBlank())
                .map(e -> e.strip().toLowerCase(Locale.ROOT))
                .orElse(null);
    }

    private static AuditEntry entry(Actor actor, String action, Notification n, String outcome, String detail) {
        return new AuditEntry(
                actor.id(),
                actor.role().name(),
                actor.organisation().value(),
                action,
                NhsNumber.of(n.nhsNumber()),
                n.id().toString(),
                outcome,
                TraceIdFilter.current(),
                detail);
    }

    private static Optional<UUID> uuid(String value) {
        try {
            return Optional.of(UUID.fromString(value.strip()));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private static int parsePage(String page) {
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

    static String formatNhsNumber(String digits) {
        return digits != null && digits.length() == 10
                ? digits.substring(0, 3) + " " + digits.substring(3, 6) + " " + digits.substring(6)
                : digits;
    }

    private static String localIds(String ids) {
        if (ids == null || ids.isBlank()) {
            return null;
        }
        return Arrays.stream(ids.split(",")).map(String::strip).collect(Collectors.joining(", "));
    }

    private static String plans(String codes) {
        if (codes == null || codes.isBlank()) {
            return "";
        }
        return Arrays.stream(codes.split(","))
                .map(String::strip)
                .map(c -> PlanType.fromCode(c).map(PlanType::displayName).orElse(c))
                .collect(Collectors.joining(", "));
    }

    private static String careSetting(String code) {
        if (code == null) {
            return "Not recorded";
        }
        return CareSettingType.fromCode(code).map(CareSettingType::displayName).orElse(code);
    }

    private static String roleName(String role) {
        if (role == null) {
            return "Not recorded";
        }
        try {
            return Role.valueOf(role).displayName();
        } catch (IllegalArgumentException e) {
            return role;
        }
    }

    /** First, last, and the pages either side of the current one; gaps become an ellipsis. */
    private static List<PageLink> pageLinks(View view, String q, int current, int pages) {
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
                links.add(new PageLink(n, href(view, q, n), n == current));
                previous = n;
            }
        }
        return links;
    }

    private static String href(View view, String q, int page) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/notifications")
                .queryParam("view", view.name().toLowerCase(Locale.ROOT));
        if (!q.isEmpty()) {
            uri.queryParam("q", q);
        }
        if (page > 1) {
            uri.queryParam("page", page);
        }
        return uri.encode().build().toUriString();
    }

    private static final class NotFound extends RuntimeException {
        NotFound() {
            super(null, null, false, false);
        }
    }

    /**
     * Another LA's notification, an id that is not one, or a view the role does not have, is simply not found: the
     * hub's own page, not a problem+json body.
     */
    @ExceptionHandler(NotFound.class)
    void notFound(HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
}
