package io.windshift.notification.actions;

import static org.assertj.core.api.Assertions.assertThat;

import io.windshift.contract.alliance.ImpactActionChanged;
import io.windshift.notification.actions.DeadlineRules.Work;
import io.windshift.notification.inbox.Category;
import io.windshift.notification.inbox.Inbox;
import io.windshift.notification.inbox.Notice;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When an action's reminder and overdue escalation are due, with an explicit clock, and what they say. */
class DeadlineRulesTest {

    static final Duration BEFORE = Duration.ofDays(2);
    static final Duration LEASE = Duration.ofMinutes(2);
    static final LocalDate DUE = LocalDate.parse("2026-12-10");

    static ImpactActionChanged changed(String change, String state, String assignee, LocalDate due, int revision) {
        return new ImpactActionChanged("imp-1", "act-1", "hr-1", "hr.worker.terminated", "al-1", "Helios oncology", "STRATEGIC", "SPONSOR_VACANT",
                "EXECUTIVE_SPONSOR", "p-gone", "Name a new executive sponsor", change, state, assignee, null, due, null, null, null, null,
                "p-lead", null, null, null, Instant.parse("2026-12-01T09:00:00Z"), "IN_PROGRESS", new ImpactActionChanged.Progress(1, 1, 0, 0), revision);
    }

    static ActionDeadline opened() {
        return DeadlineRules.apply(null, changed("OPENED", "OPEN", "p-ana", DUE, 2));
    }

    @Test
    void theReminderIsDueTwoDaysBeforeTheDueDateAndTheEscalationOnceItIsOver() {
        assertThat(DeadlineRules.remindAt(DUE, BEFORE)).isEqualTo(Instant.parse("2026-12-08T00:00:00Z"));
        assertThat(DeadlineRules.escalateAt(DUE)).isEqualTo(Instant.parse("2026-12-11T00:00:00Z"));
        ActionDeadline d = opened();
        assertThat(DeadlineRules.pending(d, Instant.parse("2026-12-01T00:00:00Z"), BEFORE))
                .containsExactly(Instant.parse("2026-12-08T00:00:00Z"), Instant.parse("2026-12-11T00:00:00Z"));
        assertThat(DeadlineRules.due(d, Instant.parse("2026-12-07T23:59:59Z"), BEFORE, LEASE)).isEmpty();
        assertThat(DeadlineRules.due(d, Instant.parse("2026-12-08T00:00:00Z"), BEFORE, LEASE)).containsExactly(Work.REMIND);
        assertThat(DeadlineRules.due(d, Instant.parse("2026-12-10T23:00:00Z"), BEFORE, LEASE)).as("still on the due date").containsExactly(Work.REMIND);
        assertThat(DeadlineRules.due(d, Instant.parse("2026-12-11T00:00:00Z"), BEFORE, LEASE))
                .as("too late to remind: the escalation covers it").containsExactly(Work.ESCALATE);
        assertThat(DeadlineRules.pending(d, Instant.parse("2026-12-11T00:00:00Z"), BEFORE)).containsExactly(Instant.parse("2026-12-11T00:00:00Z"));
    }

    @Test
    void eachIsDoneOnceAClaimHoldsForItsLeaseAndIsTakenAgainAfter() {
        ActionDeadline d = opened();
        Instant at = Instant.parse("2026-12-08T06:00:00Z");
        d.remindClaimedAt = at;
        assertThat(DeadlineRules.due(d, at.plusSeconds(60), BEFORE, LEASE)).as("claimed by another instance").isEmpty();
        assertThat(DeadlineRules.due(d, at.plus(LEASE), BEFORE, LEASE)).as("that instance died").containsExactly(Work.REMIND);
        d.remindedAt = at.plusSeconds(1);
        assertThat(DeadlineRules.due(d, at.plus(LEASE), BEFORE, LEASE)).isEmpty();
        Instant overdue = Instant.parse("2026-12-11T08:00:00Z");
        assertThat(DeadlineRules.due(d, overdue, BEFORE, LEASE)).containsExactly(Work.ESCALATE);
        d.escalatedAt = overdue;
        assertThat(DeadlineRules.due(d, overdue.plus(Duration.ofDays(3)), BEFORE, LEASE)).isEmpty();
        assertThat(DeadlineRules.pending(d, overdue, BEFORE)).isEmpty();
    }

    @Test
    void doneOrDismissedCancelsAndAnOlderChangeArrivingLateChangesNothing() {
        ActionDeadline d = opened();
        ActionDeadline done = DeadlineRules.apply(d, changed("COMPLETED", "DONE", "p-ana", DUE, 5));
        assertThat(done.state()).isEqualTo("DONE");
        assertThat(DeadlineRules.due(done, Instant.parse("2026-12-20T00:00:00Z"), BEFORE, LEASE)).isEmpty();
        assertThat(DeadlineRules.pending(done, Instant.parse("2026-12-01T00:00:00Z"), BEFORE)).isEmpty();

        assertThat(DeadlineRules.apply(done, changed("ASSIGNED", "OPEN", "p-bob", DUE, 4))).as("older").isNull();
        assertThat(DeadlineRules.apply(done, changed("COMPLETED", "DONE", "p-ana", DUE, 5))).as("redelivered").isNull();
        assertThat(done.state()).isEqualTo("DONE");

        ActionDeadline dismissed = DeadlineRules.apply(opened(), changed("DISMISSED", "DISMISSED", "p-ana", DUE, 3));
        assertThat(DeadlineRules.due(dismissed, Instant.parse("2026-12-20T00:00:00Z"), BEFORE, LEASE)).isEmpty();
        assertThat(DeadlineRules.apply(null, changed("OPENED", "OPEN", "p-ana", null, 2)).dueDate()).as("no due date, nothing to remind").isNull();
        assertThat(DeadlineRules.pending(DeadlineRules.apply(null, changed("OPENED", "OPEN", "p-ana", null, 2)), Instant.EPOCH, BEFORE)).isEmpty();
    }

    @Test
    void aNewAssigneeKeepsTheDeadlineAMovedDueDateIsANewOne() {
        ActionDeadline d = opened();
        d.remindedAt = Instant.parse("2026-12-08T00:00:00Z");
        ActionDeadline reassigned = DeadlineRules.apply(d, changed("ASSIGNED", "OPEN", "p-bob", DUE, 3));
        assertThat(reassigned.assigneeId()).isEqualTo("p-bob");
        assertThat(reassigned.remindedAt()).as("same deadline, reminded once").isNotNull();

        ActionDeadline moved = DeadlineRules.apply(reassigned, changed("ASSIGNED", "OPEN", "p-bob", DUE.plusDays(7), 4));
        assertThat(moved.remindedAt()).isNull();
        assertThat(DeadlineRules.due(moved, Instant.parse("2026-12-15T00:00:00Z"), BEFORE, LEASE)).containsExactly(Work.REMIND);
    }

    @Test
    void theReminderGoesToTheAssigneeAndTheEscalationToTheManagerBothInTheNotificationOfTheTrigger() {
        ActionDeadline d = opened();
        Notice reminder = DeadlineRules.reminder(d, "p-ana", Instant.parse("2026-12-08T00:00:00Z"));
        assertThat(reminder.recipientId()).isEqualTo("p-ana");
        assertThat(reminder.triggerEventId()).isEqualTo("hr-1");
        assertThat(reminder.quiet()).isFalse();
        assertThat(reminder.title()).isEqualTo("Due in 2 days on Helios oncology: Name a new executive sponsor");
        assertThat(reminder.line()).contains("is due on 2026-12-10 (in 2 days) and still open; it is assigned to you");
        assertThat(reminder.link()).isEqualTo("/api/v1/impacts/imp-1");
        assertThat(reminder.factKey()).as("derived: storing it twice adds nothing").isEqualTo("action-reminder:act-1:2026-12-10")
                .isEqualTo(reminder.contributingEventId());

        Notice escalation = DeadlineRules.escalation(d, "p-boss", id -> "Ana Ruiz (" + id + ")", Instant.parse("2026-12-11T00:00:00Z"));
        assertThat(escalation.recipientId()).isEqualTo("p-boss");
        assertThat(Inbox.notificationId(escalation.triggerEventId(), "p-boss")).isEqualTo(Inbox.notificationId("hr-1", "p-boss"));
        assertThat(escalation.category()).isEqualTo(Category.ESCALATION);
        assertThat(escalation.title()).isEqualTo("Overdue on Helios oncology: Name a new executive sponsor");
        assertThat(escalation.line()).contains("was due on 2026-12-10 and is still open; it is assigned to Ana Ruiz (p-ana), escalated to you");
        assertThat(escalation.actions()).isEqualTo(List.of("Follow up with Ana Ruiz (p-ana) or act in their place", "Name a new executive sponsor"));
    }
}
