package org.cpis.notifications;

import java.util.List;
import org.cpis.identity.Actor;
import org.cpis.shared.PlanType;
import org.cpis.shared.web.ViewFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code /inactive-nhs-numbers}: the LA's own inactive NHS number notices (issue 18), newest first, for its duty team
 * (whom the e-mail backup links here) and data manager. Only the caller's LA's.
 */
@Controller
class InactiveNoticePage {

    static final int SHOWN = 200;

    /** One notice as the page shows it. */
    record Row(
            String markedAt,
            String nhsNumber,
            String status,
            String newNhsNumber,
            String localIds,
            String planTypes,
            boolean acknowledged) {}

    private final InactiveNumberNotices notices;

    InactiveNoticePage(InactiveNumberNotices notices) {
        this.notices = notices;
    }

    @GetMapping(InactiveNoticeEmail.PAGE)
    String page(Actor actor, Model model) {
        model.addAttribute(
                "notices",
                notices.recent(actor.organisation(), SHOWN).stream()
                        .map(InactiveNoticePage::row)
                        .toList());
        model.addAttribute("shown", SHOWN);
        return "notifications/inactive-nhs-numbers";
    }

    private static Row row(InactiveNumberNotice n) {
        return new Row(
                ViewFormat.dateTime(n.markedAt()),
                ViewFormat.nhsNumber(n.nhsNumber()),
                n.status() == InactiveNumberNotice.Status.SUPERSEDED ? "Superseded" : "Inactive",
                n.newNhsNumber() == null ? "Not known" : ViewFormat.nhsNumber(n.newNhsNumber()),
                n.localIds().isEmpty() ? "None" : String.join(", ", n.localIds()),
                plans(n.planTypes()),
                n.acknowledgedAt() != null);
    }

    private static String plans(List<String> codes) {
        return String.join(
                ", ",
                codes.stream()
                        .map(c -> ViewFormat.codeName(c, PlanType.class, PlanType::displayName))
                        .toList());
    }
}
