package io.windshift.notification.inbox;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One fact for one recipient. Notices with the same trigger and recipient become one notification:
 * {@code triggerEventId} is the change that started it all (the id the client posted). {@code factKey}
 * names the fact inside that notification: a later {@code revision} of the same fact replaces it.
 *
 * <p>A {@code quiet} notice does not make the notification unread again and does not send it out again. A notice
 * with {@code progress} (progress on an impact, always quiet) only updates a notification the person already
 * has: it never creates one.
 */
public record Notice(String recipientId, String triggerEventId, String contributingEventId, String type, Severity severity,
                     String title, String line, String allianceId, String allianceName, String factKey, int revision,
                     boolean rescinded, List<String> actions, String link, String occurrenceId, LocalDate dueDate,
                     Instant occurredAt, boolean quiet, ImpactProgress progress) {

    public Notice {
        actions = actions == null ? List.of() : List.copyOf(actions);
        factKey = factKey == null ? contributingEventId : factKey;
    }

    public Notice(String recipientId, String triggerEventId, String contributingEventId, String type, Severity severity,
                  String title, String line, String allianceId, String allianceName, String factKey, int revision,
                  boolean rescinded, List<String> actions, String link, String occurrenceId, LocalDate dueDate, Instant occurredAt) {
        this(recipientId, triggerEventId, contributingEventId, type, severity, title, line, allianceId, allianceName, factKey, revision,
                rescinded, actions, link, occurrenceId, dueDate, occurredAt, false, null);
    }

    /** A plain fact: keyed by its event, no revisions, no suggested actions beyond the line itself. */
    public Notice(String recipientId, String triggerEventId, String contributingEventId, String type, Severity severity,
                  String title, String line, String allianceId) {
        this(recipientId, triggerEventId, contributingEventId, type, severity, title, line, allianceId, allianceId,
                contributingEventId, 0, false, List.of(), null, null, null, null);
    }

    public Notice forRecipient(String otherRecipient) {
        return new Notice(otherRecipient, triggerEventId, contributingEventId, type, severity, title, line, allianceId, allianceName,
                factKey, revision, rescinded, actions, link, occurrenceId, dueDate, occurredAt, quiet, progress);
    }

    /** Which preference category a notice falls in: alliance changes, obligation reminders, escalations. */
    public Category category() {
        return Category.of(type);
    }
}
