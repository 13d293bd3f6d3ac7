package io.windshift.notification.actions;

import io.windshift.contract.alliance.ImpactActionChanged;
import io.windshift.notification.inbox.Notice;
import io.windshift.notification.inbox.Notification;
import io.windshift.notification.inbox.Severity;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The deadline rules, pure so they can be tested with any clock. An open action with a due date is reminded to
 * its assignee once, {@code remindBefore} (default two days) before the start of its due date (UTC); an action
 * still open once its due date is over (the next day, UTC) is escalated once to the assignee's manager. A due
 * date that moves is a new deadline (reminded and escalated again); a new assignee of the same deadline is not
 * reminded again (they were told when it was assigned). A reminder whose time came only after the due date
 * passed is skipped: the escalation covers it.
 */
public final class DeadlineRules {

    public static final String REMINDER_TYPE = "alliance.impact-action-due";
    public static final String ESCALATION_TYPE = "escalation.action-overdue";

    private DeadlineRules() {
    }

    /** Work on one action: the reminder to the assignee, or the escalation to their manager. */
    public enum Work { REMIND, ESCALATE }

    public static Instant remindAt(LocalDate dueDate, Duration remindBefore) {
        return dueDate.atStartOfDay(ZoneOffset.UTC).toInstant().minus(remindBefore);
    }

    public static Instant escalateAt(LocalDate dueDate) {
        return dueDate.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /**
     * The action as it stands after {@code changed}, or null when the event changes nothing (it is not newer than
     * what is held: a redelivery or an older change arriving late).
     */
    public static ActionDeadline apply(ActionDeadline held, ImpactActionChanged changed) {
        if (held != null && held.revision >= changed.revision()) {
            return null;
        }
        ActionDeadline next = held == null ? new ActionDeadline(changed.actionId()) : held;
        boolean newDeadline = held == null || !Objects.equals(held.dueDate, changed.dueDate());
        next.impactId = changed.impactId();
        next.triggerEventId = changed.triggerEventId();
        next.allianceId = changed.allianceId();
        next.allianceName = changed.allianceName() == null ? next.allianceName : changed.allianceName();
        next.tier = changed.tier();
        next.kind = changed.kind();
        next.title = changed.title() == null ? next.title : changed.title();
        next.state = changed.state();
        next.revision = changed.revision();
        if ("OPEN".equals(changed.state())) {
            next.assigneeId = changed.assigneeId();
            next.dueDate = changed.dueDate();
            if (newDeadline) {
                next.remindClaimedAt = null;
                next.remindedAt = null;
                next.remindedTo = null;
                next.escalateClaimedAt = null;
                next.escalatedAt = null;
                next.escalatedTo = null;
            }
        }
        return next;
    }

    /** What is due on {@code d} now and not claimed by anyone whose lease still runs. */
    public static List<Work> due(ActionDeadline d, Instant now, Duration remindBefore, Duration lease) {
        List<Work> work = new ArrayList<>();
        if (d == null || !d.open() || d.dueDate == null) {
            return work;
        }
        if (reminderPending(d, now) && !remindAt(d.dueDate, remindBefore).isAfter(now) && free(d.remindClaimedAt, now, lease)) {
            work.add(Work.REMIND);
        }
        if (d.escalatedAt == null && !escalateAt(d.dueDate).isAfter(now) && free(d.escalateClaimedAt, now, lease)) {
            work.add(Work.ESCALATE);
        }
        return work;
    }

    /** When the work still to be done on {@code d} is due (done, skipped and closed work has no time). */
    public static List<Instant> pending(ActionDeadline d, Instant now, Duration remindBefore) {
        List<Instant> times = new ArrayList<>();
        if (d == null || !d.open() || d.dueDate == null) {
            return times;
        }
        if (reminderPending(d, now)) {
            times.add(remindAt(d.dueDate, remindBefore));
        }
        if (d.escalatedAt == null) {
            times.add(escalateAt(d.dueDate));
        }
        return times;
    }

    private static boolean reminderPending(ActionDeadline d, Instant now) {
        return d.remindedAt == null && now.isBefore(escalateAt(d.dueDate));
    }

    private static boolean free(Instant claimedAt, Instant now, Duration lease) {
        return claimedAt == null || !claimedAt.plus(lease).isAfter(now);
    }

    /**
     * The reminder, folded into the assignee's notification for the action's trigger. Its id and fact key are
     * derived from the action and the due date, so storing it twice (a claim taken again after a crash) adds nothing.
     */
    public static Notice reminder(ActionDeadline d, String assigneeId, Instant now) {
        long days = ChronoUnit.DAYS.between(now.atZone(ZoneOffset.UTC).toLocalDate(), d.dueDate);
        String when = days <= 0 ? "today" : days == 1 ? "tomorrow" : "in " + days + " days";
        String alliance = alliance(d);
        String key = "action-reminder:" + d.actionId + ":" + d.dueDate;
        return new Notice(assigneeId, d.triggerEventId, key, REMINDER_TYPE, Severity.HIGH, "Due " + when + " on " + alliance + ": " + d.title,
                "\"" + d.title + "\" on " + alliance + " is due on " + d.dueDate + " (" + when + ") and still open; it is assigned to you.",
                d.allianceId, alliance, key, 0, false, List.of(d.title), Notification.IMPACT_LINK + d.impactId, null, null, now);
    }

    /** The overdue escalation for one manager (or head of alliance management), folded into their notification for the trigger. */
    public static Notice escalation(ActionDeadline d, String to, Function<String, String> labels, Instant now) {
        String alliance = alliance(d);
        String who = d.assigneeId == null ? null : labels.apply(d.assigneeId);
        String key = "action-overdue:" + d.actionId + ":" + d.dueDate;
        String line = "\"" + d.title + "\" on " + alliance + " was due on " + d.dueDate + " and is still open; "
                + (who == null ? "nobody is assigned to it." : "it is assigned to " + who + ", escalated to you as their manager.");
        List<String> actions = who == null ? List.of(d.title) : List.of("Follow up with " + who + " or act in their place", d.title);
        return new Notice(to, d.triggerEventId, key, ESCALATION_TYPE, Severity.HIGH, "Overdue on " + alliance + ": " + d.title, line,
                d.allianceId, alliance, key, 0, false, actions, Notification.IMPACT_LINK + d.impactId, null, null, now);
    }

    private static String alliance(ActionDeadline d) {
        return d.allianceName == null ? d.allianceId : d.allianceName;
    }
}
