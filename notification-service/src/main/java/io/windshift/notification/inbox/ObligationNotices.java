package io.windshift.notification.inbox;

import io.windshift.contract.obligation.MilestoneDue;
import io.windshift.contract.obligation.ObligationOverdue;
import io.windshift.contract.obligation.OwnerVacated;
import io.windshift.notification.audience.AllianceTeam;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reminders before a due date (owner, the alliance's finance lead, the reviewer), overdue escalations (plus
 * the owner's manager) and owner-vacated notices (partnership lead and alliance manager, folded into the
 * notification of the change that caused the vacancy).
 */
public final class ObligationNotices {

    private ObligationNotices() {
    }

    public static List<Notice> milestoneDue(MilestoneDue due, String eventId, Instant eventTime, AllianceTeam team, Reach reach) {
        List<String> candidates = new ArrayList<>();
        candidates.add(due.ownerId());
        if (team != null) {
            candidates.addAll(team.holdersOf("FINANCE_LEAD"));
        }
        candidates.add(due.reviewerId());
        String alliance = allianceName(team, due.allianceId());
        Severity severity = due.leadTimeDays() <= 1 ? Severity.HIGH : due.leadTimeDays() <= 7 ? Severity.MEDIUM : Severity.LOW;
        String title = due.title() + " due in " + due.leadTimeDays() + (due.leadTimeDays() == 1 ? " day" : " days");
        String line = due.title() + (due.clauseRef() == null ? "" : " (clause " + due.clauseRef() + ")") + " on " + alliance + " is due on "
                + due.dueDate() + money(due.amount(), due.currency()) + "; owner " + reach.label(due.ownerId()) + ".";
        List<String> actions = List.of("Make sure it is done by " + due.dueDate() + " and record the evidence in the obligation register");
        return reach.reachable(candidates, Set.of()).stream()
                .map(r -> new Notice(r, eventId, eventId, "obligation.milestone-due", severity, title, line, due.allianceId(), alliance,
                        eventId, 0, false, actions, "/api/v1/obligations/" + due.obligationId(), due.occurrenceId(), due.dueDate(), eventTime))
                .toList();
    }

    public static List<Notice> overdue(ObligationOverdue overdue, String eventId, Instant eventTime, AllianceTeam team, Reach reach) {
        List<String> candidates = new ArrayList<>();
        candidates.add(overdue.ownerId());
        if (team != null) {
            candidates.addAll(team.holdersOf("FINANCE_LEAD"));
        }
        candidates.add(overdue.ownerManagerId());
        String alliance = allianceName(team, overdue.allianceId());
        Severity severity = overdue.amount() != null ? Severity.CRITICAL : Severity.HIGH;
        String title = "Overdue: " + overdue.title();
        String line = overdue.title() + " on " + alliance + " was due on " + overdue.dueDate() + money(overdue.amount(), overdue.currency())
                + " and is not fulfilled; owner " + reach.label(overdue.ownerId()) + ", escalated to " + reach.label(overdue.ownerManagerId()) + ".";
        List<String> actions = List.of("Fulfil it now or record why it is late, waived or in dispute");
        return reach.reachable(candidates, Set.of()).stream()
                .map(r -> new Notice(r, eventId, eventId, "obligation.overdue", severity, title, line, overdue.allianceId(), alliance,
                        eventId, 0, false, actions, "/api/v1/obligations/" + overdue.obligationId(), overdue.occurrenceId(), overdue.dueDate(), eventTime))
                .toList();
    }

    public static List<Notice> ownerVacated(OwnerVacated vacated, String eventId, Instant eventTime, AllianceTeam team, Reach reach) {
        List<String> candidates = new ArrayList<>();
        if (team != null) {
            candidates.addAll(team.holdersOf("PARTNERSHIP_LEAD"));
            candidates.addAll(team.holdersOf("ALLIANCE_MANAGER"));
        }
        String alliance = allianceName(team, vacated.allianceId());
        String title = "Obligation without an owner on " + alliance;
        String line = reach.label(vacated.previousOwnerId()) + " no longer owns \"" + vacated.title() + "\" on " + alliance
                + (vacated.reason() == null ? "" : " (" + Reach.human(vacated.reason()) + ")") + ".";
        List<String> actions = List.of("Name a new owner for \"" + vacated.title() + "\"");
        String trigger = vacated.triggerEventId() == null ? eventId : vacated.triggerEventId();
        Set<String> excluded = vacated.previousOwnerId() == null ? Set.of() : Set.of(vacated.previousOwnerId());
        return reach.reachable(candidates, excluded).stream()
                .map(r -> new Notice(r, trigger, eventId, "obligation.owner-vacated", Severity.HIGH, title, line, vacated.allianceId(), alliance,
                        eventId, 0, false, actions, "/api/v1/obligations/" + vacated.obligationId(), null, null, eventTime))
                .toList();
    }

    private static String allianceName(AllianceTeam team, String allianceId) {
        return team == null || team.name() == null ? allianceId : team.name();
    }

    private static String money(java.math.BigDecimal amount, String currency) {
        return amount == null ? "" : ", " + amount.toPlainString() + (currency == null ? "" : " " + currency);
    }
}
