package io.windshift.notification.escalation;

import io.windshift.notification.audience.Audience;
import io.windshift.notification.inbox.Inbox;
import io.windshift.notification.inbox.Notice;
import io.windshift.notification.inbox.Notification;
import io.windshift.notification.inbox.Severity;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A critical notification nobody read within {@code windshift.notification.escalation.after} goes to the
 * recipient's manager (from HR; the heads of alliance management when no manager is known), once. The
 * manager's notice is stored first (idempotent: its id and fact key are derived), then the original is
 * marked escalated under its version, so a crash in between repeats nothing visible and two instances
 * escalate once.
 */
@Component
public class EscalationJob {

    private static final Logger log = LoggerFactory.getLogger(EscalationJob.class);

    private final Inbox inbox;
    private final Audience audience;
    private final Clock clock;
    private final Duration after;

    EscalationJob(Inbox inbox, Audience audience, Clock clock, @Value("${windshift.notification.escalation.after:PT4H}") Duration after) {
        this.inbox = inbox;
        this.audience = audience;
        this.clock = clock;
        this.after = after;
    }

    @Scheduled(fixedDelayString = "${windshift.notification.escalation.scan-interval:PT1M}")
    public void scan() {
        escalateDue();
    }

    /** Escalates what is due now; returns how many notifications were escalated. */
    public int escalateDue() {
        int escalated = 0;
        for (Notification n : inbox.unreadCriticalCreatedBefore(clock.instant().minus(after), 200)) {
            List<String> to = new ArrayList<>();
            audience.managerOf(n.recipientId()).ifPresentOrElse(to::add, () -> to.addAll(audience.headsOfAllianceManagement()));
            to.remove(n.recipientId());
            for (String manager : to) {
                inbox.deliver(new Notice(manager, n.sourceEventId(), "escalation:" + n.id(), "escalation.unread-critical", Severity.HIGH,
                        "Escalated: " + n.title(), audience.label(n.recipientId()) + " has not acted on a critical notification since "
                        + n.createdAt() + ": " + n.title() + ".", n.allianceIds().isEmpty() ? null : n.allianceIds().getFirst(), null,
                        "escalation:" + n.id(), 0, false, withFollowUp(n), n.links().isEmpty() ? null : n.links().getFirst(), null, null, clock.instant()));
            }
            if (inbox.markEscalated(n.id(), to.isEmpty() ? null : String.join(",", to))) {
                escalated++;
                log.info("Escalated unread critical notification {} of {} to {}", n.id(), n.recipientId(), to);
            }
        }
        return escalated;
    }

    private static List<String> withFollowUp(Notification n) {
        List<String> actions = new ArrayList<>(n.actions());
        actions.add("Follow up with " + n.recipientId() + " or act in their place");
        return actions;
    }
}
