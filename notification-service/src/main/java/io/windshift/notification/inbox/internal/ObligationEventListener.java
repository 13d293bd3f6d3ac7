package io.windshift.notification.inbox.internal;

import io.windshift.contract.CloudEvent;
import io.windshift.contract.EventType;
import io.windshift.contract.Topics;
import io.windshift.contract.obligation.MilestoneDue;
import io.windshift.contract.obligation.ObligationOverdue;
import io.windshift.contract.obligation.OccurrenceClosed;
import io.windshift.contract.obligation.OccurrenceRescheduled;
import io.windshift.contract.obligation.OwnerVacated;
import io.windshift.messaging.consume.IdempotentConsumer;
import io.windshift.notification.audience.AllianceTeam;
import io.windshift.notification.audience.Audience;
import io.windshift.notification.inbox.Inbox;
import io.windshift.notification.inbox.ObligationNotices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Obligation events in: reminders and overdue notices out, owner-vacated folded into the notification of
 * the change that caused it, and reminders not yet delivered cancelled when the occurrence is closed or moved.
 */
@Component
class ObligationEventListener {

    private static final Logger log = LoggerFactory.getLogger(ObligationEventListener.class);

    private final IdempotentConsumer idempotent;
    private final Audience audience;
    private final Inbox inbox;
    private final AwaitingTeam awaiting;

    ObligationEventListener(IdempotentConsumer idempotent, Audience audience, Inbox inbox, AwaitingTeam awaiting) {
        this.idempotent = idempotent;
        this.audience = audience;
        this.inbox = inbox;
        this.awaiting = awaiting;
    }

    @KafkaListener(topics = Topics.OBLIGATION, groupId = "notification-service")
    void on(CloudEvent event) {
        idempotent.handleOnce("notification-service.obligation", event, this::apply);
    }

    /** Notifies again, now that the alliance's team is known (see {@link AwaitingTeam}). */
    void notifyWithTeam(CloudEvent event) {
        apply(event);
    }

    private void apply(CloudEvent event) {
        EventType type = event.knownType().orElse(null);
        if (type == null) {
            return;
        }
        currentEvent.set(event);
        try {
            route(event, type);
        } finally {
            currentEvent.remove();
        }
    }

    private void route(CloudEvent event, EventType type) {
        switch (type) {
            case OBLIGATION_MILESTONE_DUE -> {
                MilestoneDue due = event.dataAs(MilestoneDue.class);
                ObligationNotices.milestoneDue(due, event.id(), event.time(), team(due.allianceId()), audience.reach()).forEach(inbox::deliver);
            }
            case OBLIGATION_OVERDUE -> {
                ObligationOverdue overdue = event.dataAs(ObligationOverdue.class);
                ObligationNotices.overdue(overdue, event.id(), event.time(), team(overdue.allianceId()), audience.reach()).forEach(inbox::deliver);
            }
            case OBLIGATION_OWNER_VACATED -> {
                OwnerVacated vacated = event.dataAs(OwnerVacated.class);
                ObligationNotices.ownerVacated(vacated, event.id(), event.time(), team(vacated.allianceId()), audience.reach()).forEach(inbox::deliver);
            }
            case OBLIGATION_FULFILLED, OBLIGATION_WAIVED -> {
                OccurrenceClosed closed = event.dataAs(OccurrenceClosed.class);
                String why = (type == EventType.OBLIGATION_FULFILLED ? "fulfilled" : "waived") + " at " + closed.closedAt();
                int cancelled = inbox.cancelReminders(closed.occurrenceId(), null, why);
                log.info("Occurrence {} {}: {} reminder(s) cancelled", closed.occurrenceId(), why, cancelled);
            }
            case OBLIGATION_RESCHEDULED -> {
                // Reminders planned for the old date are withdrawn; obligation-service emits new ones for the new date.
                OccurrenceRescheduled moved = event.dataAs(OccurrenceRescheduled.class);
                inbox.cancelReminders(moved.occurrenceId(), moved.previousDueDate(), "moved from " + moved.previousDueDate() + " to " + moved.dueDate());
            }
            default -> {
                // Registered / owner-assigned: nobody needs telling.
            }
        }
    }

    private AllianceTeam team(String allianceId) {
        AllianceTeam team = allianceId == null ? null : audience.team(allianceId).orElse(null);
        if (team == null && allianceId != null) {
            awaiting.keep(allianceId, currentEvent.get());
            // The registration may have been applied (by another instance) between the look-up and the keep, and its
            // release found nothing: look again. Notifying twice is harmless (one notification per trigger and person).
            team = audience.team(allianceId).orElse(null);
            if (team != null) {
                awaiting.forget(currentEvent.get().id());
            }
        }
        return team;
    }

    /** The event being applied, so that one whose alliance is not known yet can be kept for later. */
    private final ThreadLocal<CloudEvent> currentEvent = new ThreadLocal<>();
}
