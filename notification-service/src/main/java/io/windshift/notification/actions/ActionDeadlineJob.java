package io.windshift.notification.actions;

import io.windshift.notification.audience.Audience;
import io.windshift.notification.inbox.Inbox;
import io.windshift.notification.inbox.Notice;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Reminds assignees of impact actions before the due date and escalates overdue ones to the assignee's manager
 * (from this service's people projection; the heads of alliance management when none is known), each once,
 * however many instances run. A pass finds due actions through the day index ({@link ActionDeadlines}); for each
 * piece of work it first claims it with a compare-and-set on the action's {@code {_id, version}} (one instance
 * wins, the others' writes fail), then stores the notice (idempotent: its id and fact key are derived from action
 * and due date), then records it done. A claim whose instance died before recording is taken again after
 * {@code windshift.notification.actions.claim-lease}; storing the same notice again adds nothing.
 */
@Component
public class ActionDeadlineJob {

    private static final Logger log = LoggerFactory.getLogger(ActionDeadlineJob.class);

    private final ActionDeadlines deadlines;
    private final Inbox inbox;
    private final Audience audience;
    private final Clock clock;
    private final Duration lease;

    ActionDeadlineJob(ActionDeadlines deadlines, Inbox inbox, Audience audience, Clock clock,
                      @Value("${windshift.notification.actions.claim-lease:PT2M}") Duration lease) {
        this.deadlines = deadlines;
        this.inbox = inbox;
        this.audience = audience;
        this.clock = clock;
        this.lease = lease;
    }

    @Scheduled(fixedDelayString = "${windshift.notification.actions.scan-interval:PT1M}")
    public void scan() {
        runOnce();
    }

    /** One pass: returns how many reminders and escalations this instance claimed and stored. */
    public int runOnce() {
        // Millisecond precision, as the store keeps it: the claim is recognised by its time when it is recorded.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<ActionDeadlines.Day> days = deadlines.upTo(now);
        if (days.isEmpty()) {
            deadlines.handled(Map.of(), List.of(), now);
            return 0;
        }
        Map<String, ActionDeadline> actions = deadlines.load(days.stream().flatMap(d -> d.actionIds().stream()).distinct().toList());
        int done = 0;
        Set<String> worked = new HashSet<>();
        Map<String, List<String>> handled = new LinkedHashMap<>();
        List<ActionDeadlines.Day> remaining = new ArrayList<>();
        for (ActionDeadlines.Day day : days) {
            List<String> left = new ArrayList<>();
            for (String id : day.actionIds()) {
                ActionDeadline action = actions.get(id);
                if (action != null && worked.add(id)) {
                    done += work(action, now);
                    action = deadlines.find(id).orElse(null);
                    actions.put(id, action);
                }
                if (keep(action, day.day(), now)) {
                    left.add(id);
                } else {
                    handled.computeIfAbsent(day.day(), d -> new ArrayList<>()).add(id);
                }
            }
            remaining.add(new ActionDeadlines.Day(day.day(), left));
        }
        deadlines.handled(handled, remaining, now);
        return done;
    }

    /**
     * An entry stays while its action has work left that is either due now (another instance holds the claim,
     * or storing failed) or due later on this very day; work due on a later day has its own entry there.
     */
    private boolean keep(ActionDeadline action, String day, Instant now) {
        if (action == null) {
            return false;
        }
        for (Instant at : DeadlineRules.pending(action, now, deadlines.remindBefore())) {
            if (!at.isAfter(now) || ActionDeadlines.dayOf(at).equals(day)) {
                return true;
            }
        }
        return false;
    }

    private int work(ActionDeadline action, Instant now) {
        int done = 0;
        for (DeadlineRules.Work work : DeadlineRules.due(action, now, deadlines.remindBefore(), lease)) {
            ActionDeadline current = deadlines.find(action.actionId()).orElse(null);
            if (current == null || !DeadlineRules.due(current, now, deadlines.remindBefore(), lease).contains(work)) {
                continue;
            }
            if (work == DeadlineRules.Work.REMIND) {
                current.remindClaimedAt = now;
            } else {
                current.escalateClaimedAt = now;
            }
            if (!deadlines.save(current)) {
                log.debug("{} of action {} claimed elsewhere", work, current.actionId());
                continue;
            }
            try {
                String to = work == DeadlineRules.Work.REMIND ? remind(current, now) : escalate(current, now);
                record(current.actionId(), work, to, now);
                done++;
                log.info("{} for action {} ({}) due {} went to {}", work == DeadlineRules.Work.REMIND ? "Reminder" : "Overdue escalation",
                        current.actionId(), current.title(), current.dueDate(), to);
            } catch (RuntimeException e) {
                // The claim runs out after the lease and the work is taken again; the notice is idempotent.
                log.warn("{} for action {} failed; retried after the claim lease: {}", work, current.actionId(), e.toString());
            }
        }
        return done;
    }

    private String remind(ActionDeadline d, Instant now) {
        if (d.assigneeId() == null || audience.departed(d.assigneeId())) {
            return null;
        }
        inbox.deliver(DeadlineRules.reminder(d, d.assigneeId(), now));
        return d.assigneeId();
    }

    private String escalate(ActionDeadline d, Instant now) {
        List<String> to = new ArrayList<>();
        if (d.assigneeId() != null) {
            audience.managerOf(d.assigneeId()).ifPresent(to::add);
        }
        if (to.isEmpty()) {
            to.addAll(audience.headsOfAllianceManagement());
        }
        to.remove(d.assigneeId());
        for (String manager : to) {
            if (!audience.departed(manager)) {
                inbox.deliver(DeadlineRules.escalation(d, manager, audience::label, now));
            }
        }
        return to.isEmpty() ? null : String.join(",", to);
    }

    /** Marks the work done on fresh state (an action change may have written the document since the claim). */
    private void record(String actionId, DeadlineRules.Work work, String to, Instant now) {
        for (int attempt = 1; attempt <= ActionDeadlines.MAX_ATTEMPTS; attempt++) {
            ActionDeadline d = deadlines.find(actionId).orElse(null);
            // Only our own claim of this deadline: a due date moved meanwhile is a new deadline, reminded on its own.
            Instant claim = work == DeadlineRules.Work.REMIND ? d == null ? null : d.remindClaimedAt : d == null ? null : d.escalateClaimedAt;
            if (d == null || !now.equals(claim) || (work == DeadlineRules.Work.REMIND ? d.remindedAt != null : d.escalatedAt != null)) {
                return;
            }
            if (work == DeadlineRules.Work.REMIND) {
                d.remindedAt = now;
                d.remindedTo = to;
            } else {
                d.escalatedAt = now;
                d.escalatedTo = to;
            }
            if (deadlines.save(d)) {
                return;
            }
        }
    }
}
