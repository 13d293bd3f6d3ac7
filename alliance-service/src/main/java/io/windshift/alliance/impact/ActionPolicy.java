package io.windshift.alliance.impact;

import io.windshift.alliance.portfolio.ImpactKind;
import io.windshift.alliance.portfolio.Role;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;

/**
 * Who gets an action and by when. {@code assigneeByKind} names the role whose holder gets each kind (default:
 * the alliance manager; over capacity: the head of alliance management, who rebalances); when that seat is
 * empty, or held by the person the finding is about, the head of alliance management gets it. A vacant key
 * role (sponsor, alliance manager, partnership lead) on a STRATEGIC alliance is due within
 * {@code fillKeyRoleWithinBusinessDays}; a partner notice is due on the notice date.
 */
public record ActionPolicy(String headOfAllianceManagement, Map<ImpactKind, Role> assigneeByKind, int fillKeyRoleWithinBusinessDays) {

    public ActionPolicy {
        assigneeByKind = assigneeByKind == null ? Map.of() : Map.copyOf(assigneeByKind);
    }

    /** The role whose holder is assigned {@code kind}, or null for the head of alliance management. */
    public Role assigneeRoleFor(ImpactKind kind) {
        if (assigneeByKind.containsKey(kind)) {
            return assigneeByKind.get(kind);
        }
        return kind == ImpactKind.MANAGER_OVER_CAPACITY ? null : Role.ALLIANCE_MANAGER;
    }

    /** {@code days} working days after {@code from} (Saturdays and Sundays skipped). */
    public static LocalDate addBusinessDays(LocalDate from, int days) {
        LocalDate date = from;
        int added = 0;
        while (added < days) {
            date = date.plusDays(1);
            if (date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY) {
                added++;
            }
        }
        return date;
    }
}
