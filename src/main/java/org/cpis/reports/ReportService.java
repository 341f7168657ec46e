package org.cpis.reports;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.cpis.identity.Actor;
import org.cpis.organisations.LocalAuthority;
import org.cpis.organisations.Organisations;
import org.cpis.shared.OdsCode;
import org.springframework.stereotype.Service;

/** Builds a report for the person asking, scoped to what their role may see (ReportScope). Reads only. */
@Service
class ReportService {

    private final ActivityReports activity;
    private final DataReports data;
    private final Organisations organisations;
    private final Clock clock;

    ReportService(ActivityReports activity, DataReports data, Organisations organisations, Clock clock) {
        this.activity = activity;
        this.data = data;
        this.organisations = organisations;
        this.clock = clock;
    }

    ReportScope scope(Actor actor) {
        return ReportScope.of(actor, clock);
    }

    Report report(ReportKind kind, ReportScope scope) {
        LaNames names = names();
        return switch (kind) {
            case NOTIFICATIONS -> activity.notifications(scope, names);
            case ACCESSES -> activity.accesses(scope);
            case REVIEW_TIMES -> activity.reviewTimes(scope, names);
            case UPLOADS -> data.uploads(scope, names);
            case REJECTIONS -> data.rejections(scope, names);
            case NHS_NUMBERS -> data.nhsNumbers(scope, names);
            case RECORDS -> data.records(scope, names);
        };
    }

    private LaNames names() {
        Map<OdsCode, String> names = new HashMap<>();
        for (LocalAuthority la : organisations.localAuthorities()) {
            names.put(la.odsCode(), la.name());
        }
        return new LaNames(names);
    }
}
